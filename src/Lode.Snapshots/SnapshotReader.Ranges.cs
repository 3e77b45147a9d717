using System.Runtime.ExceptionServices;
using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots;

/// <summary>Reading ranges (in parallel when they span many blocks), listing blocks, and the other views.</summary>
public sealed partial class SnapshotReader
{
    /// <summary>A read spanning at least this many blocks that need decoding decodes them in parallel.</summary>
    private const int ParallelBlocks = 4;

    /// <summary>The most blocks decoded by one parallel round, so a huge read holds a bounded number of buffers.</summary>
    private const int ParallelWindow = 64;

    /// <summary>
    /// Lists the blocks of <paramref name="stream"/> that overlap [offset, offset + length), from the index alone
    /// (no block is read): their numbers, logical offsets, lengths, kinds and hashes. Clamped to the stream.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such stream.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The offset or length is negative.</exception>
    /// <exception cref="SnapshotCorruptException">An index page is damaged.</exception>
    /// <exception cref="SnapshotFormatException">An index page is malformed.</exception>
    public IReadOnlyList<SnapshotBlock> GetBlocks(string stream, long offset, long length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var index = GetStream(stream);
        return EnumerateBlocks(index, offset, offset + Math.Min(length, index.Length))
            .Select(s => new SnapshotBlock(s.Number, s.Start, s.Info.LogicalLength, s.Info.Kind, new BlockHash(s.Info.Sha256)))
            .ToArray();
    }

    /// <summary>
    /// <see cref="ReadAt"/> on the thread pool (the byte source is synchronous), for callers that must not block.
    /// The buffer must stay untouched until the task completes.
    /// </summary>
    /// <returns>As <see cref="ReadAt"/>.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before the read started.</exception>
    public Task<int> ReadAtAsync(string stream, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Task.Run(() => ReadAt(stream, offset, buffer.Span), cancellationToken);

    /// <summary>
    /// A <see cref="IByteSource"/> over one logical stream (e.g. a search index stored in the snapshot), thread-safe
    /// like the reader; it is an <see cref="IDirectByteSource"/> that lends ranges stored verbatim (raw blocks of an
    /// unencrypted file whose source lends memory) in place, unchecked. Disposing it does nothing; the reader stays
    /// the owner.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such stream.</exception>
    public IByteSource AsByteSource(string stream) => new StreamByteSource(this, GetStream(stream));

    /// <summary>
    /// Lends logical bytes [offset, offset + length) of a stream in place, without decoding or checking them, when
    /// they are stored verbatim and contiguously: every block overlapping the range is stored raw (no codec, or one that
    /// did not shrink it) in an unencrypted file, directly or through parent blocks, all in the same file, each right
    /// after the one before; and that file's source lends memory (<see cref="IDirectByteSource"/>). Otherwise false,
    /// and the caller reads with <see cref="ReadAt"/>.
    /// </summary>
    /// <remarks>
    /// The blocks' CRC32Cs and hashes are not checked (the index pages naming them are, as on every read): this is for
    /// formats that check their own sections (an FM-index). Reads only index pages.
    /// </remarks>
    /// <exception cref="SnapshotCorruptException">An index page on the way is damaged.</exception>
    /// <exception cref="SnapshotFormatException">An index page or a parent reference is malformed.</exception>
    internal bool TryGetPlainMemory(StreamIndex index, long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        memory = default;
        if (offset < 0 || length <= 0 || offset > index.Length - length)
        {
            return false;
        }
        SnapshotReader? owner = null;
        long first = 0, next = 0;
        foreach (var slot in EnumerateBlocks(index, offset, offset + length))
        {
            var (reader, _, _, info) = slot.Info.Kind == SnapshotBlockKind.Parent ? ResolveParent(index, slot.Number, slot.Info) : (this, index, slot.Number, slot.Info);
            bool verbatim = info.Kind is SnapshotBlockKind.Stored or SnapshotBlockKind.Duplicate && info.IsRaw && !reader._rules.Encrypted;
            if (!verbatim || (owner is not null && (reader != owner || info.StoredOffset != next)))
            {
                return false;
            }
            if (owner is null)
            {
                owner = reader;
                first = info.StoredOffset + (offset - slot.Start);
            }
            next = info.StoredOffset + info.StoredLength;
        }
        return owner is not null && owner._source.TryGetMemory(first, length, out memory);
    }

    /// <summary>The sequential prefetch in flight, or the last one (for tests).</summary>
    internal Task Prefetch => _prefetcher.Running;

    /// <summary>Fills <paramref name="destination"/> from logical <paramref name="offset"/> of a stream; the range lies inside it.</summary>
    internal void ReadExactlyFrom(StreamIndex index, long offset, Span<byte> destination)
    {
        ThrowIfDisposed();
        ReadRange(index, offset, destination);
    }

    /// <summary>Throws when the reader was disposed.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>The blocks overlapping logical [offset, end) of a stream, in order, through the page cache.</summary>
    internal IEnumerable<BlockSlot> EnumerateBlocks(StreamIndex index, long offset, long end)
    {
        end = Math.Min(end, index.Length);
        if (offset >= end)
        {
            yield break;
        }
        int pageNumber = index.FindPage(offset);
        var page = GetPage(index, pageNumber);
        int b = page.FindBlock(offset);
        while (true)
        {
            for (; b < page.Blocks.Length; b++)
            {
                if (page.Starts[b] >= end)
                {
                    yield break;
                }
                yield return new BlockSlot(index.Pages[pageNumber].FirstBlock + b, page.Starts[b], page.Blocks[b]);
            }
            if (++pageNumber == index.Pages.Length)
            {
                yield break;
            }
            page = GetPage(index, pageNumber);
            b = 0;
        }
    }

    /// <summary>Fills <paramref name="destination"/> from logical <paramref name="offset"/>; the range lies inside the stream.</summary>
    private void ReadRange(StreamIndex index, long offset, Span<byte> destination)
    {
        int done = 0;
        if (destination.Length >= ParallelBlocks * (long)index.Settings.Chunking.MinSize / 2)
        {
            done = ReadParallel(index, offset, destination);
        }
        while (done < destination.Length)
        {
            done += ReadWithinPage(index, offset + done, destination[done..]);
        }
    }

    /// <summary>
    /// Reads whole windows of blocks whose uncached blocks number at least <see cref="ParallelBlocks"/>, decoding
    /// those in parallel; returns how many leading bytes it filled (0 when the range is not worth it).
    /// </summary>
    private int ReadParallel(StreamIndex index, long offset, Span<byte> destination)
    {
        long end = offset + destination.Length;
        long position = offset;
        foreach (var window in EnumerateBlocks(index, offset, end).Chunk(ParallelWindow))
        {
            var pending = Array.FindAll(window, s => s.Info.Kind != SnapshotBlockKind.Zero && !IsCached(index, s.Info));
            if (pending.Length < ParallelBlocks)
            {
                break;
            }
            var plains = new Dictionary<long, byte[]>(pending.Length);
            var decoded = new byte[pending.Length][];
            try
            {
                Parallel.For(0, pending.Length, i => decoded[i] = GetBlock(index, pending[i].Number, pending[i].Info));
            }
            catch (AggregateException e)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            for (int i = 0; i < pending.Length; i++)
            {
                plains.Add(pending[i].Number, decoded[i]);
            }
            foreach (var slot in window)
            {
                int within = (int)(position - slot.Start);
                int n = (int)Math.Min(slot.Info.LogicalLength - within, end - position);
                var target = destination.Slice((int)(position - offset), n);
                if (plains.TryGetValue(slot.Number, out var plain))
                {
                    plain.AsSpan(within, n).CopyTo(target);
                }
                else
                {
                    CopyBlock(index, slot.Number, slot.Info, within, target);
                }
                position += n;
            }
        }
        return (int)(position - offset);
    }

    private bool IsCached(StreamIndex index, in BlockInfo info) => _blocks.TryGet(BlockKey.Of(info, index.Settings.Codec), out _);
}
