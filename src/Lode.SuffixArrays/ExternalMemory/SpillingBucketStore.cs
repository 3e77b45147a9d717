namespace Lode.SuffixArrays;

/// <summary>
/// The bucket store that spills: each full buffer is written to an extent of one of the <see cref="BucketPool"/>'s
/// files (bucket i uses file i mod N), and the bucket keeps its list of extents.
/// </summary>
/// <remarks>Thread-safe. Memory: one buffer per bucket and 24 bytes per spilled extent. Does not own the pool.</remarks>
internal sealed class SpillingBucketStore : IBucketStore
{
    private readonly BucketPool _pool;
    private int _created;

    /// <summary>Spills into <paramref name="pool"/>.</summary>
    public SpillingBucketStore(BucketPool pool) => _pool = pool;

    /// <inheritdoc />
    public IBucket CreateBucket(RecordFormat format, int bufferRecords = 2048) =>
        new SpillingBucket(_pool, Interlocked.Increment(ref _created) - 1, format, bufferRecords);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class SpillingBucket(BucketPool pool, int file, RecordFormat format, int bufferRecords)
        : BufferedBucket(format, bufferRecords)
    {
        private readonly List<BucketPool.Extent> _extents = [];

        protected override byte[] Flush(byte[] full)
        {
            _extents.Add(pool.Write(file, full));
            return full;
        }

        protected override void ReadFlushed(long offset, Span<byte> destination)
        {
            long extentStart = 0;
            int done = 0;
            foreach (var extent in _extents)
            {
                long extentEnd = extentStart + extent.Length;
                long at = offset + done;
                if (done < destination.Length && at < extentEnd)
                {
                    int take = (int)Math.Min(extentEnd - at, destination.Length - done);
                    pool.Read(extent with { Offset = extent.Offset + (at - extentStart), Length = take }, destination.Slice(done, take));
                    done += take;
                }
                extentStart = extentEnd;
            }
        }
    }
}
