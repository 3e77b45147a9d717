using System.Buffers;
using System.Collections.Concurrent;
using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots;

/// <summary>Finding and decoding index pages and blocks, through the caches.</summary>
public sealed partial class SnapshotReader
{
    private readonly ConcurrentDictionary<BlockKey, Task<byte[]>> _inFlight = new();

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
            int within = (int)(offset + done - page.Starts[b]);
            int n = Math.Min(info.LogicalLength - within, destination.Length - done);
            CopyBlock(index, firstBlock + b, info, within, destination.Slice(done, n));
            done += n;
        }
        return done;
    }

    private void CopyBlock(StreamIndex index, long blockNumber, in BlockInfo info, int within, Span<byte> target)
    {
        if (info.Kind == SnapshotBlockKind.Zero)
        {
            target.Clear();
        }
        else
        {
            GetBlock(index, blockNumber, info).AsSpan(within, target.Length).CopyTo(target);
        }
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
            var page = IndexPage.Parse(bytes, index, pageNumber, _rules);
            _pages.Add(entry.Offset, page, page.Weight);
            return page;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The block info of block <paramref name="blockNumber"/> (0 &lt;= number &lt; BlockCount) of a stream.</summary>
    private BlockInfo GetInfo(StreamIndex index, long blockNumber)
    {
        int pageNumber = index.FindPageOfBlock(blockNumber);
        return GetPage(index, pageNumber).Blocks[blockNumber - index.Pages[pageNumber].FirstBlock];
    }

    /// <summary>
    /// The plaintext of a stored, duplicate or parent block: always fully decoded and checked, whether it comes from
    /// the cache, from another thread that is decoding it right now (awaited, not decoded twice), or decoded here
    /// and then cached — so no caller ever sees a half-made or still-compressed buffer.
    /// </summary>
    private byte[] GetBlock(StreamIndex index, long blockNumber, in BlockInfo info)
    {
        var key = BlockKey.Of(info, index.Settings.Codec);
        if (_blocks.TryGet(key, out var cached) && cached!.Length == info.LogicalLength)
        {
            return cached;
        }
        var mine = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _inFlight.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            var shared = running.GetAwaiter().GetResult();
            if (shared.Length == info.LogicalLength)
            {
                return shared;
            }
        }
        try
        {
            var plain = info.Kind == SnapshotBlockKind.Parent ? LoadParentBlock(index, blockNumber, info) : LoadOwnBlock(index, blockNumber, info);
            _blocks.Add(key, plain, plain.Length);
            mine.SetResult(plain);
            return plain;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _ = mine.Task.Exception;
            throw;
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, mine.Task));
        }
    }

    /// <summary>
    /// Decodes up to <paramref name="count"/> blocks from logical <paramref name="from"/> into the cache, for the
    /// prefetcher. Stops at the first damage (the read that needs the block reports it) or when told to.
    /// </summary>
    internal void Warm(StreamIndex index, long from, int count, Func<bool> stopped)
    {
        try
        {
            foreach (var slot in EnumerateBlocks(index, from, index.Length).Take(count))
            {
                if (stopped() || _disposed)
                {
                    return;
                }
                if (slot.Info.Kind != SnapshotBlockKind.Zero)
                {
                    GetBlock(index, slot.Number, slot.Info);
                }
            }
        }
        catch (Exception e) when (e is SnapshotException or IOException or ObjectDisposedException)
        {
            // Best effort: the read that needs the block raises the error.
        }
    }

    private byte[] LoadOwnBlock(StreamIndex index, long blockNumber, in BlockInfo info)
    {
        var plain = new byte[info.LogicalLength];
        DecodeBlock(index, blockNumber, info, plain);
        return plain;
    }

    /// <summary>
    /// Reads a stored or duplicate block's stored bytes, checks their CRC32C, decrypts and decompresses them to
    /// exactly <c>info.LogicalLength</c> bytes in <paramref name="plain"/>.
    /// </summary>
    /// <returns>The stored length, for progress reports.</returns>
    private int DecodeBlock(StreamIndex index, long blockNumber, in BlockInfo info, Span<byte> plain)
    {
        string stream = index.Name;
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
            bool authentic;
            try
            {
                authentic = _transform.TryDecode(stored, index.Settings.Codec, info.IsRaw, plain);
            }
            catch (CodecException e)
            {
                throw new SnapshotCorruptException(
                    $"Block {blockNumber} of stream '{stream}' is corrupt: it does not decompress to its {info.LogicalLength} bytes ({e.Message}).",
                    stream, blockNumber, $"{info.LogicalLength} bytes", "decompression failed", e);
            }
            if (!authentic)
            {
                throw new SnapshotAuthenticationException(
                    $"Block {blockNumber} of stream '{stream}' (stored at offset {info.StoredOffset}) fails its AES-GCM tag: it was tampered with.");
            }
            return info.StoredLength;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
