using Lode.IO;
using Lode.Snapshots;

namespace Lode;

internal sealed partial class SearchIndexWriter
{
    /// <summary>
    /// Appends the finished index to <paramref name="stream"/> of <paramref name="writer"/> (a stream of fixed
    /// <see cref="IndexFormat.SectionAlignment"/>-byte blocks): the header block, every shard section — a carried one
    /// by reference to the previous snapshot's index container, so nothing of it is read or stored again —
    /// then the blob and shard tables.
    /// </summary>
    /// <param name="writer">The snapshot writer.</param>
    /// <param name="stream">The stream to append to; empty so far.</param>
    /// <returns>The index's length in bytes.</returns>
    /// <exception cref="InvalidOperationException">Called before <see cref="Finish"/>.</exception>
    public long WriteTo(SnapshotWriter writer, string stream)
    {
        if (!_finished)
        {
            throw new InvalidOperationException("Finish the index before writing it.");
        }
        var blobTable = new byte[_blobTable.Count * IndexFormat.BlobRecordSize];
        for (int i = 0; i < _blobTable.Count; i++)
        {
            IndexFormat.WriteBlob(blobTable.AsSpan(i * IndexFormat.BlobRecordSize), _blobTable[i]);
        }
        var shardTable = new byte[_plan.Count * IndexFormat.ShardRecordSize];
        for (int i = 0; i < _plan.Count; i++)
        {
            IndexFormat.WriteShard(shardTable.AsSpan(i * IndexFormat.ShardRecordSize), _plan[i].Record);
        }
        long blobTableOffset = _indexLength - shardTable.Length - blobTable.Length;
        var header = new byte[IndexFormat.SectionAlignment];
        IndexFormat.WriteHeader(header, new IndexFormat.Header(IndexFormat.Major, _plan.Count, _blobTable.Count,
            blobTableOffset + blobTable.Length, blobTableOffset, Crc32C.Compute(shardTable), Crc32C.Compute(blobTable)));
        writer.Append(stream, header);
        var buffer = new byte[1 << 20];
        foreach (var shard in _plan)
        {
            long length = shard.Record.SectionLength;
            if (shard.PreviousOffset >= 0)
            {
                writer.EndBlock(stream);
                writer.AppendFrom(stream, _previousView!.IndexReader!,
                    SnapshotStreams.Index, shard.PreviousOffset, length);
                continue;
            }
            for (long done = 0; done < length;)
            {
                int n = (int)Math.Min(buffer.Length, length - done);
                _scratch.ReadExactly(buffer.AsSpan(0, n), shard.ScratchOffset + done);
                writer.Append(stream, buffer.AsSpan(0, n));
                done += n;
            }
        }
        writer.Append(stream, blobTable);
        writer.Append(stream, shardTable);
        return _indexLength;
    }
}
