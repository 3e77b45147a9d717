using Microsoft.Win32.SafeHandles;

namespace Lode.IO;

/// <summary>
/// An <see cref="IByteSource"/> over a local file, read with positional reads (<c>pread</c>) so that
/// concurrent readers share one handle without a shared file position, and lending ranges in place through a
/// read-only memory mapping of the whole file, made on first use (<see cref="IDirectByteSource"/>). Thread-safe.
/// </summary>
/// <remarks>The file must not change while the source is open: the length is read once, at open.</remarks>
public sealed class FileByteSource : IDirectByteSource
{
    private readonly SafeFileHandle _handle;
    private readonly Lazy<MemoryMapping?> _mapping;

    private FileByteSource(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
        Length = RandomAccess.GetLength(handle);
        _mapping = new Lazy<MemoryMapping?>(() => MemoryMapping.TryMap(_handle, Length));
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
    /// <remarks>Maps the whole file on the first call; false when mapping fails (or off Linux), and the caller reads.
    /// Disposing the source leaves lent memory valid (see <see cref="IDirectByteSource"/>).</remarks>
    public bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        memory = default;
        if (offset < 0 || length < 0 || offset > Length - length || _handle.IsClosed || _mapping.Value is not { } mapping)
        {
            return false;
        }
        memory = mapping.Slice(offset, length);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
