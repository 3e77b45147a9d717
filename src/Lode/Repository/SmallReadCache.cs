using Lode.IO;

namespace Lode;

/// <summary>
/// Serves small reads from aligned blocks of the inner source, fetched once each. A suffix-array binary search reads
/// a 4-byte entry, then a few text bytes, again and again; against a remote reader each read is a round trip, and the
/// last steps of a search all fall in one block of the suffix array. Large reads go to the inner source unchanged.
/// </summary>
/// <remarks>
/// Thread-safe when the inner source is. Owns the inner source. Holds at most <see cref="MaxBlocks"/> blocks
/// (4 MiB); when full it starts over. Correct only for immutable sources, which every repository object is.
/// </remarks>
internal sealed class SmallReadCache(IByteSource inner) : IByteSource
{
    /// <summary>Reads up to this many bytes are served from blocks.</summary>
    public const int MaxSmallRead = 256;

    /// <summary>The block size: one request fetches this much around a small read.</summary>
    public const int BlockSize = 16 << 10;

    /// <summary>The most blocks kept.</summary>
    public const int MaxBlocks = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, byte[]> _blocks = [];

    /// <inheritdoc />
    public long Length => inner.Length;

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (buffer.Length > MaxSmallRead || offset >= Length)
        {
            return inner.ReadAt(offset, buffer);
        }
        int n = (int)Math.Min(buffer.Length, Length - offset);
        int done = 0;
        while (done < n)
        {
            long position = offset + done;
            byte[] block = Block(position / BlockSize);
            int inBlock = (int)(position % BlockSize);
            int take = Math.Min(n - done, block.Length - inBlock);
            block.AsSpan(inBlock, take).CopyTo(buffer[done..]);
            done += take;
        }
        return n;
    }

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();

    private byte[] Block(long index)
    {
        lock (_lock)
        {
            if (_blocks.TryGetValue(index, out byte[]? cached))
            {
                return cached;
            }
        }
        long start = index * BlockSize;
        byte[] block = inner.ReadBytes(start, (int)Math.Min(BlockSize, Length - start));
        lock (_lock)
        {
            if (_blocks.Count >= MaxBlocks)
            {
                _blocks.Clear();
            }
            _blocks[index] = block;
        }
        return block;
    }
}
