using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// An <see cref="IByteSource"/> that serves every read with one range request to a store: no local copy, no
/// read-ahead. Used for S3 readers, range-only cache reads, and lazy cache readers until their fill completes.
/// </summary>
/// <remarks>
/// Thread-safe when <c>readRange</c> is. <see cref="ReadAt"/> blocks its thread on the asynchronous request.
/// A failed request surfaces as the store's typed <see cref="ObjectStoreException"/> (not wrapped in
/// <see cref="IOException"/>), so a caller sees whether to retry; a range is never partly filled.
/// </remarks>
/// <param name="length">The object's length in bytes.</param>
/// <param name="readRange">Reads exactly <c>length</c> bytes at <c>offset</c> into a new array, or throws.</param>
internal sealed class RangeReadByteSource(long length, Func<long, int, CancellationToken, Task<byte[]>> readRange) : IByteSource
{
    private volatile bool _disposed;

    /// <inheritdoc />
    public long Length => length;

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (offset >= length || buffer.IsEmpty)
        {
            return 0;
        }
        int n = (int)Math.Min(buffer.Length, length - offset);
        byte[] bytes = readRange(offset, n, CancellationToken.None).GetAwaiter().GetResult();
        if (bytes.Length != n)
        {
            throw new ObjectStoreTransientException(
                $"The store returned {bytes.Length} bytes for range [{offset}, {offset + n}) of a {length}-byte object; retry.");
        }
        bytes.CopyTo(buffer);
        return n;
    }

    /// <inheritdoc />
    public void Dispose() => _disposed = true;
}
