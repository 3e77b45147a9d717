namespace Lode.SuffixArrays;

/// <summary>The bucket store that keeps everything in memory: full buffers are kept as they are.</summary>
/// <remarks>Thread-safe. Memory: every record, plus one partly filled buffer per bucket.</remarks>
internal sealed class MemoryBucketStore : IBucketStore
{
    /// <inheritdoc />
    public IBucket CreateBucket(RecordFormat format, int bufferRecords = 2048) => new MemoryBucket(format, bufferRecords);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class MemoryBucket(RecordFormat format, int bufferRecords) : BufferedBucket(format, bufferRecords)
    {
        private readonly List<byte[]> _chunks = [];

        protected override byte[] Flush(byte[] full)
        {
            _chunks.Add(full);
            return new byte[full.Length];
        }

        protected override void ReadFlushed(long offset, Span<byte> destination)
        {
            int chunkBytes = _chunks[0].Length;
            int done = 0;
            while (done < destination.Length)
            {
                long at = offset + done;
                var chunk = _chunks[(int)(at / chunkBytes)].AsSpan((int)(at % chunkBytes));
                int take = Math.Min(chunk.Length, destination.Length - done);
                chunk[..take].CopyTo(destination[done..]);
                done += take;
            }
        }
    }
}
