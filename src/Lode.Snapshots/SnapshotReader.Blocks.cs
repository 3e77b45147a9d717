using System.Buffers;
using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots;

/// <summary>Finding and decoding index pages and blocks, through the caches.</summary>
public sealed partial class SnapshotReader
{
    /// <summary>Copies bytes at <paramref name="offset"/> from the blocks of one index page; returns how many.</summary>
    private int ReadWithinPage(StreamIndex index, long offset, Span<byte> destination)
    {
        int pageNumber = index.FindPage(offset);
        var page = GetPage(index, pageNumber);
        long firstBlock = index.Pages[pageNumber].FirstBlock;
        int done = 0;
        for (int b = page.FindBlock(offset); b < page.Blocks.Length && done < destination.Length; b++)
        {
            var info = page.Blocks[b];
            long position = offset + done;
            int within = (int)(position - page.Starts[b]);
            int n = Math.Min(info.LogicalLength - within, destination.Length - done);
            var target = destination.Slice(done, n);
            if (info.Kind == BlockKind.Zero)
            {
                target.Clear();
            }
            else
            {
                GetBlock(index.Name, firstBlock + b, info).AsSpan(within, n).CopyTo(target);
            }
            done += n;
        }
        return done;
    }

    private IndexPage GetPage(StreamIndex index, int pageNumber)
    {
        var entry = index.Pages[pageNumber];
        if (_pages.TryGet(entry.Offset, out var cached))
        {
            return cached!;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(entry.Length);
        try
        {
            var bytes = buffer.AsSpan(0, entry.Length);
            _source.ReadExactlyAt(entry.Offset, bytes);
            var page = IndexPage.Parse(bytes, index, pageNumber, _fields.Codec, Header.Chunking.LargestBlock, _source.Length);
            _pages.Add(entry.Offset, page, page.Weight);
            return page;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The plaintext of a stored or duplicate block, from the cache or decoded (and then cached).</summary>
    private byte[] GetBlock(string stream, long blockNumber, in BlockInfo info)
    {
        if (_blocks.TryGet(info.StoredOffset, out var cached) && cached!.Length == info.LogicalLength)
        {
            return cached;
        }
        var plain = new byte[info.LogicalLength];
        DecodeBlock(stream, blockNumber, info, plain);
        _blocks.Add(info.StoredOffset, plain, plain.Length);
        return plain;
    }

    /// <summary>
    /// Reads a block's stored bytes, checks their CRC32C, and decompresses them to exactly
    /// <c>info.LogicalLength</c> bytes in <paramref name="plain"/>.
    /// </summary>
    /// <returns>The stored length, for progress reports.</returns>
    private int DecodeBlock(string stream, long blockNumber, in BlockInfo info, Span<byte> plain)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(info.StoredLength);
        try
        {
            var stored = buffer.AsSpan(0, info.StoredLength);
            _source.ReadExactlyAt(info.StoredOffset, stored);
            uint crc = Crc32C.Compute(stored);
            if (crc != info.Crc)
            {
                throw new SnapshotCorruptException(
                    $"Block {blockNumber} of stream '{stream}' is corrupt: CRC32C {info.Crc:x8} expected, {crc:x8} found (stored at offset {info.StoredOffset}).",
                    stream, blockNumber, info.Crc.ToString("x8"), crc.ToString("x8"));
            }
            if (info.IsRaw)
            {
                stored.CopyTo(plain);
                return info.StoredLength;
            }
            try
            {
                BlockCodec.Decompress(_fields.Codec, stored, plain);
            }
            catch (CodecException e)
            {
                throw new SnapshotCorruptException(
                    $"Block {blockNumber} of stream '{stream}' is corrupt: it does not decompress to its {info.LogicalLength} bytes ({e.Message}).",
                    stream, blockNumber, $"{info.LogicalLength} bytes", "decompression failed", e);
            }
            return info.StoredLength;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
