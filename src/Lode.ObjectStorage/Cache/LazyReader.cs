using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// The reader a lazy cold open returns: serves reads from prefetched hint ranges or with range requests while the
/// background fill runs, and from the mapped entry once <see cref="SwitchTo"/> hands it over.
/// </summary>
/// <remarks>Thread-safe. Owns the local reader it is switched to.</remarks>
internal sealed class LazyReader(long length, (ByteRange Range, byte[] Bytes)[] prefetched,
    Func<long, int, CancellationToken, Task<byte[]>> readRange) : IByteSource
{
    private readonly RangeReadByteSource _remote = new(length, readRange);
    private readonly Lock _lock = new();
    private IByteSource? _local;
    private bool _disposed;

    /// <inheritdoc />
    public long Length => length;

    /// <summary>Whether reads are served by the local entry now.</summary>
    public bool IsLocal => Volatile.Read(ref _local) is not null;

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        if (Volatile.Read(ref _local) is { } local)
        {
            return local.ReadAt(offset, buffer);
        }
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (offset >= length || buffer.IsEmpty)
        {
            return 0;
        }
        int n = (int)Math.Min(buffer.Length, length - offset);
        foreach (var (range, bytes) in prefetched)
        {
            if (offset >= range.Offset && offset + n <= range.Offset + range.Length)
            {
                bytes.AsSpan((int)(offset - range.Offset), n).CopyTo(buffer);
                return n;
            }
        }
        return _remote.ReadAt(offset, buffer[..n]);
    }

    /// <summary>Switches reads to <paramref name="local"/>, or disposes it if this reader was disposed first.</summary>
    public void SwitchTo(IByteSource local)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                Volatile.Write(ref _local, local);
                return;
            }
        }
        local.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        IByteSource? local;
        lock (_lock)
        {
            _disposed = true;
            local = _local;
        }
        local?.Dispose();
        _remote.Dispose();
    }
}
