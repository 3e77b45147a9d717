using System.IO.MemoryMappedFiles;

namespace Lode.SuffixArrays;

/// <summary>A text file mapped read-only into memory, so that texts beyond 2 GiB can be suffix-sorted through a pointer.</summary>
/// <remarks>The pointer is valid until disposal. Pages are loaded on demand and count as page cache, not heap. Not thread-safe to dispose.</remarks>
internal sealed unsafe class MappedText : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _pointer;

    private MappedText(MemoryMappedFile? file, MemoryMappedViewAccessor? view, long length)
    {
        _file = file;
        _view = view;
        Length = length;
        if (view is not null)
        {
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
            _pointer += view.PointerOffset;
        }
    }

    /// <summary>The text length in bytes.</summary>
    public long Length { get; }

    /// <summary>The first byte (null for an empty text).</summary>
    public byte* Pointer => _pointer;

    /// <summary>Maps the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">It cannot be read or mapped.</exception>
    public static MappedText Open(string path)
    {
        long length = new FileInfo(path).Length;
        if (length == 0)
        {
            return new MappedText(null, null, 0);
        }
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            return new MappedText(file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read), length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _file?.Dispose();
    }
}
