using Lode.IO;
using Lode.ObjectStorage;

namespace Lode;

/// <summary>
/// A byte source that reads a few ranges of its inner source up front, all at once, and serves reads that fall
/// inside one of them from memory; every other read goes to the inner source. In front of a range-only remote
/// reader, opening a snapshot container or a search index (a header at the start, tables at the end) then costs one
/// round trip instead of one per structure.
/// </summary>
/// <remarks>Thread-safe when the inner source is. Owns the inner source. Holds the ranges' bytes (a few MiB at most) until disposed.</remarks>
internal sealed class PrefetchedRanges : IByteSource
{
    /// <summary>Objects up to this size are read whole; larger ones as a head and a tail range.</summary>
    public const int WholeObjectBytes = 2 << 20;

    /// <summary>The head range: covers a container header (1024 bytes), an index header (64 bytes), and the first block of a <see cref="SmallReadCache"/>.</summary>
    public const int HeadBytes = SmallReadCache.BlockSize;

    /// <summary>
    /// The tail range: a container's master indexes, last index pages and usually its file table; an index's blob
    /// and shard tables and its last suffix array sample.
    /// </summary>
    public const int TailBytes = 2 << 20;

    private readonly IByteSource _inner;
    private readonly (ByteRange Range, byte[] Bytes)[] _ranges;

    private PrefetchedRanges(IByteSource inner, (ByteRange, byte[])[] ranges)
    {
        _inner = inner;
        _ranges = ranges;
    }

    /// <inheritdoc />
    public long Length => _inner.Length;

    /// <summary>
    /// The ranges worth reading at open for an object of <paramref name="length"/> bytes: all of a small object, else
    /// the head and the tail, the tail starting on a <see cref="SmallReadCache"/> block boundary so that its blocks
    /// are served from it.
    /// </summary>
    public static ByteRange[] Hints(long length)
    {
        if (length <= WholeObjectBytes)
        {
            return [new ByteRange(0, (int)length)];
        }
        long tail = (length - TailBytes) / SmallReadCache.BlockSize * SmallReadCache.BlockSize;
        return [new ByteRange(0, HeadBytes), new ByteRange(tail, (int)(length - tail))];
    }

    /// <summary>
    /// Reads <see cref="Hints"/> of <paramref name="inner"/> in parallel and wraps it. On failure the inner source is
    /// disposed and the read's exception thrown (the store's typed <see cref="ObjectStoreException"/> for a remote reader).
    /// </summary>
    public static PrefetchedRanges Open(IByteSource inner)
    {
        try
        {
            var hints = Hints(inner.Length);
            var reads = hints.Select(range => Task.Run(() => (range, inner.ReadBytes(range.Offset, range.Length)))).ToArray();
            return new PrefetchedRanges(inner, Repository.Sync(Task.WhenAll(reads)));
        }
        catch
        {
            inner.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        long n = Math.Min(buffer.Length, Math.Max(0, Length - offset));
        foreach (var (range, bytes) in _ranges)
        {
            if (offset >= range.Offset && offset + n <= range.Offset + range.Length)
            {
                bytes.AsSpan((int)(offset - range.Offset), (int)n).CopyTo(buffer);
                return (int)n;
            }
        }
        return _inner.ReadAt(offset, buffer);
    }

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();
}
