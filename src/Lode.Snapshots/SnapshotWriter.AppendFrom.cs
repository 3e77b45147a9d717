using System.Buffers;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;
using Lode.Snapshots.Writing;

namespace Lode.Snapshots;

/// <summary>Appending a range of another snapshot's stream, by reference where whole blocks allow it.</summary>
public sealed partial class SnapshotWriter
{
    /// <summary>
    /// Appends logical bytes [offset, offset + length) of <paramref name="sourceStream"/> of <paramref name="source"/>
    /// to <paramref name="stream"/>. A block of the source that lies wholly inside the range, met while this stream is
    /// at a block boundary, becomes a parent block without being read or decompressed — pointing at the snapshot that
    /// physically stores it (the source, or the source's own parent), so chains stay one level deep; an all-zero
    /// block stays a zero block. The other bytes (partial blocks at the edges, blocks met mid-chunk, and everything
    /// when the source's block hashes are not comparable with this writer's — another key, or encrypted versus
    /// plain — or its blocks are larger than this stream's largest block) are read and appended as by
    /// <see cref="Append"/>. So a range that starts at a source block boundary, with this stream at a boundary
    /// (e.g. after <see cref="EndBlock"/>), costs no data reads at all. An empty range appends nothing and needs
    /// nothing of the source: a stream the source never had holds the empty range at offset 0, just as
    /// <see cref="GetLength"/> gives 0 for a stream never appended to.
    /// </summary>
    /// <param name="stream">The stream to append to.</param>
    /// <param name="source">The earlier snapshot; it must have a <see cref="SnapshotReader.SnapshotId"/>. Used only during
    /// the call; it may be disposed afterwards.</param>
    /// <param name="sourceStream">The stream of <paramref name="source"/> to copy from.</param>
    /// <param name="offset">The first logical byte of the range.</param>
    /// <param name="length">The range's length in bytes.</param>
    /// <returns>The bytes appended by reference (parent or zero blocks), without reading them.</returns>
    /// <exception cref="ArgumentException">A name is invalid, or the source has no snapshot id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the source stream.</exception>
    /// <exception cref="KeyNotFoundException">The source has no such stream and the range is not empty.</exception>
    /// <exception cref="SnapshotException">The source is damaged where it had to be read.</exception>
    /// <exception cref="ObjectDisposedException">The writer was finished or disposed, or the source was disposed.</exception>
    /// <exception cref="InvalidOperationException">An earlier call failed.</exception>
    public long AppendFrom(string stream, SnapshotReader source, string sourceStream, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.ThrowIfDisposed();
        var state = GetOrAddStream(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var from = source.StreamList.FirstOrDefault(s => s.Name == sourceStream);
        if (from is null)
        {
            return offset == 0 && length == 0 ? 0 : throw new KeyNotFoundException($"The source snapshot has no stream '{sourceStream}'.");
        }
        if (offset > from.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"The range [{offset}, {offset + length}) is outside stream '{sourceStream}' ({from.Length} bytes).");
        }
        if (source.SnapshotId is null)
        {
            throw new ArgumentException("AppendFrom needs the source's snapshot id; open it with SnapshotReaderOptions.SnapshotId.", nameof(source));
        }
        bool comparable = source.HashDomain == _context.Transform.Hasher.Domain;
        long end = offset + length;
        long referenced = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(from.Settings.Chunking.LargestBlock);
        try
        {
            foreach (var slot in source.EnumerateBlocks(from, offset, end))
            {
                long start = Math.Max(slot.Start, offset);
                int n = (int)(Math.Min(slot.Start + slot.Info.LogicalLength, end) - start);
                bool whole = start == slot.Start && n == slot.Info.LogicalLength;
                if (whole && comparable && state.Chunker.PendingLength == 0 && n <= state.Settings.Chunking.LargestBlock
                    && TryReference(state, source, from, slot))
                {
                    referenced += n;
                    continue;
                }
                source.ReadExactlyFrom(from, start, buffer.AsSpan(0, n));
                AppendTo(state, buffer.AsSpan(0, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return referenced;
    }

    /// <summary>Submits a whole source block by reference, unless the parent list might overflow; returns whether it did.</summary>
    private bool TryReference(StreamState state, SnapshotReader source, StreamIndex from, BlockSlot slot)
    {
        var info = slot.Info;
        ChunkJob job;
        if (info.Kind == SnapshotBlockKind.Zero)
        {
            job = ChunkJob.ForZero(state, info.LogicalLength, info.Sha256);
        }
        else
        {
            var (parent, parentStream, parentBlock) = info.Kind == SnapshotBlockKind.Parent
                ? (source.ParentEntries[info.ParentIndex], info.ParentStream, info.ParentBlock)
                : (source.AsParentEntry(), from.Position, slot.Number);
            if (!_parents.HasRoomFor(parent, PendingJobs))
            {
                return false;
            }
            job = ChunkJob.ForReference(state, info.Sha256, new ParentBlockRef(parent.SnapshotId, parent.Root.ToString(), parentStream, parentBlock, info.LogicalLength));
        }
        state.AppendedLength += info.LogicalLength;
        Submit(job);
        return true;
    }
}
