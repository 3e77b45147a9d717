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

    /// <summary>
    /// One spilling bucket. Loading reads the flushed bytes front to back, so a read resumes from the extent where the
    /// previous one stopped: loading is linear in the number of extents, not quadratic.
    /// </summary>
    internal sealed class SpillingBucket(BucketPool pool, int file, RecordFormat format, int bufferRecords)
        : BufferedBucket(format, bufferRecords)
    {
        private readonly List<BucketPool.Extent> _extents = [];
        private int _cursor;
        private long _cursorStart;

        /// <summary>The extents spilled so far (for tests).</summary>
        internal int ExtentCount => _extents.Count;

        /// <summary>Extents looked at by reads so far (for tests: linear loading looks at each about once).</summary>
        internal long ExtentSteps { get; private set; }

        protected override byte[] Flush(byte[] full)
        {
            _extents.Add(pool.Write(file, full));
            return full;
        }

        /// <remarks>Called under the bucket's lock. Seeks from the cursor when reading on, from the first extent when reading back.</remarks>
        protected override void ReadFlushed(long offset, Span<byte> destination)
        {
            if (offset < _cursorStart)
            {
                _cursor = 0;
                _cursorStart = 0;
            }
            int done = 0;
            while (_cursor < _extents.Count && done < destination.Length)
            {
                ExtentSteps++;
                var extent = _extents[_cursor];
                long at = offset + done;
                long extentEnd = _cursorStart + extent.Length;
                if (at < extentEnd)
                {
                    int take = (int)Math.Min(extentEnd - at, destination.Length - done);
                    pool.Read(extent with { Offset = extent.Offset + (at - _cursorStart), Length = take }, destination.Slice(done, take));
                    done += take;
                    if (at + take < extentEnd)
                    {
                        break;
                    }
                }
                _cursorStart = extentEnd;
                _cursor++;
            }
        }
    }
}
