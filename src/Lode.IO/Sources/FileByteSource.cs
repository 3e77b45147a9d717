using Microsoft.Win32.SafeHandles;

namespace Lode.IO;

/// <summary>
/// An <see cref="IByteSource"/> over a local file, read with positional reads (<c>pread</c>) so that
/// concurrent readers share one handle without a shared file position. Thread-safe.
/// </summary>
/// <remarks>The file must not change while the source is open: the length is read once, at open.</remarks>
public sealed class FileByteSource : IByteSource
{
    private readonly SafeFileHandle _handle;

    private FileByteSource(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
        Length = RandomAccess.GetLength(handle);
    }

    /// <summary>The path the source was opened from.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public long Length { get; }

    /// <summary>Opens <paramref name="path"/> for shared, random-access reading.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static FileByteSource Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
            FileOptions.RandomAccess);
        return new FileByteSource(handle, path);
    }

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (offset >= Length || buffer.IsEmpty)
        {
            return 0;
        }
        if (buffer.Length > Length - offset)
        {
            buffer = buffer[..(int)(Length - offset)];
        }
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(_handle, buffer[done..], offset + done);
            if (n == 0)
            {
                throw new IOException($"{Path} is shorter than when it was opened: nothing at offset {offset + done}.");
            }
            done += n;
        }
        return done;
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
