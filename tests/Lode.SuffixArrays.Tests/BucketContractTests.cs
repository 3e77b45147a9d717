namespace Lode.SuffixArrays.Tests;

/// <summary>One contract for both bucket stores: in memory, and spilling to a pool of temporary files.</summary>
public abstract class BucketContractTests : IDisposable
{
    protected BucketContractTests()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("lode-buckets-");
    }

    protected DirectoryInfo Directory { get; }

    /// <summary>The record formats, as <see cref="RecordFormat"/> values (internal, so passed as ints).</summary>
    public static TheoryData<int> Formats => [(int)RecordFormat.Position64, (int)RecordFormat.PositionLcp32, (int)RecordFormat.PositionLcp64];

    /// <summary>A fresh store for one test.</summary>
    private protected abstract IBucketStore CreateStore();

    [Theory]
    [MemberData(nameof(Formats))]
    public void Records_round_trip_below_and_above_the_buffer(int formatValue)
    {
        var format = (RecordFormat)formatValue;
        using var store = CreateStore();
        foreach (int count in new[] { 1, 63, 64, 65, 1_000 })
        {
            using var bucket = store.CreateBucket(format, bufferRecords: 64);
            var (positions, lcps) = Records(new Random(count), count);
            bucket.AppendRun<long>(positions, Lcps(format, lcps));
            AssertHolds(bucket, format, positions, lcps, [0]);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_bulk_append_larger_than_the_buffer_round_trips(int formatValue)
    {
        var format = (RecordFormat)formatValue;
        using var store = CreateStore();
        using var bucket = store.CreateBucket(format, bufferRecords: 16);
        var (first, firstLcps) = Records(new Random(1), 5);
        var (bulk, bulkLcps) = Records(new Random(2), 1_000);
        bucket.AppendRun<long>(first, Lcps(format, firstLcps));
        bucket.AppendRun<long>(bulk, Lcps(format, bulkLcps));
        AssertHolds(bucket, format, [.. first, .. bulk], [.. firstLcps, .. bulkLcps], [0, 5]);
    }

    [Fact]
    public void Runs_are_bounded_and_an_empty_contribution_adds_no_boundary()
    {
        using var store = CreateStore();
        using var bucket = store.CreateBucket(RecordFormat.PositionLcp32, bufferRecords: 4);
        int[] a = [10, 11, 12];
        int[] b = [20, 21, 22, 23, 24];
        bucket.AppendRun<int>(a, [0, 1, 2]);
        bucket.AppendRun<int>([], []);
        bucket.AppendRun<int>(b, [0, 1, 2, 3, 4]);
        bucket.AppendRun<int>([], []);
        Assert.Equal(2, bucket.RunCount);
        Assert.Equal(8, bucket.Count);
        var positions = new int[8];
        var lcps = new int[8];
        var starts = new int[2];
        bucket.LoadAll<int>(positions, lcps, starts);
        Assert.Equal([.. a, .. b], positions);
        Assert.Equal([0, 1, 2, 0, 1, 2, 3, 4], lcps);
        Assert.Equal([0, 3], starts);
    }

    [Fact]
    public void An_empty_bucket_holds_nothing()
    {
        using var store = CreateStore();
        using var bucket = store.CreateBucket(RecordFormat.PositionLcp64);
        Assert.Equal(0, bucket.Count);
        Assert.Equal(0, bucket.RunCount);
        bucket.LoadAll<long>([], [], []);
    }

    [Fact]
    public void Concurrent_writers_on_one_store_each_read_back_their_own_records()
    {
        using var store = CreateStore();
        var buckets = Enumerable.Range(0, 40).Select(_ => store.CreateBucket(RecordFormat.PositionLcp32, bufferRecords: 8)).ToArray();
        // Every thread appends runs to every bucket; run r of bucket b holds b·1_000_000 + r·1000 + k.
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            for (int b = 0; b < buckets.Length; b++)
            {
                int run = thread;
                var positions = Enumerable.Range(0, 5 + ((b + thread) % 30)).Select(k => (b * 1_000_000) + (run * 1000) + k).ToArray();
                buckets[(b + thread) % buckets.Length].AppendRun<int>(positions, new int[positions.Length]);
            }
        });
        foreach (var bucket in buckets)
        {
            var positions = new int[bucket.Count];
            var starts = new int[bucket.RunCount];
            bucket.LoadAll<int>(positions, new int[bucket.Count], starts);
            Assert.Equal(8, starts.Length);
            for (int r = 0; r < starts.Length; r++)
            {
                int end = r + 1 < starts.Length ? starts[r + 1] : positions.Length;
                var run = positions[starts[r]..end];
                // A run is one thread's contiguous append, never interleaved with another's.
                Assert.Equal(Enumerable.Range(run[0], run.Length), run);
            }
            bucket.Dispose();
        }
    }

    public void Dispose()
    {
        Directory.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    internal static (long[] Positions, long[] Lcps) Records(Random random, int count) =>
        (Enumerable.Range(0, count).Select(_ => random.NextInt64(0, int.MaxValue)).ToArray(),
         Enumerable.Range(0, count).Select(_ => random.NextInt64(0, int.MaxValue)).ToArray());

    private static long[] Lcps(RecordFormat format, long[] lcps) => format == RecordFormat.Position64 ? [] : lcps;

    private protected static void AssertHolds(IBucket bucket, RecordFormat format, long[] positions, long[] lcps, int[] starts)
    {
        Assert.Equal(positions.Length, bucket.Count);
        var readPositions = new long[positions.Length];
        var readLcps = format == RecordFormat.Position64 ? [] : new long[positions.Length];
        var readStarts = new int[bucket.RunCount];
        bucket.LoadAll<long>(readPositions, readLcps, readStarts);
        Assert.Equal(positions, readPositions);
        if (format != RecordFormat.Position64)
        {
            Assert.Equal(lcps, readLcps);
        }
        Assert.Equal(starts, readStarts);
    }
}

public sealed class MemoryBucketStoreTests : BucketContractTests
{
    private protected override IBucketStore CreateStore() => new MemoryBucketStore();
}

public sealed class SpillingBucketStoreTests : BucketContractTests
{
    private readonly List<BucketPool> _pools = [];

    private protected override IBucketStore CreateStore()
    {
        var pool = new BucketPool(Directory.FullName, fileCount: 3);
        _pools.Add(pool);
        return new PoolOwningStore(pool);
    }

    [Fact]
    public void Two_buckets_sharing_one_pool_file_read_back_their_own_records()
    {
        using var pool = new BucketPool(Directory.FullName, fileCount: 1);
        using var store = new SpillingBucketStore(pool);
        using var first = store.CreateBucket(RecordFormat.PositionLcp64, bufferRecords: 4);
        using var second = store.CreateBucket(RecordFormat.PositionLcp64, bufferRecords: 4);
        var (a, aLcps) = Records(new Random(1), 50);
        var (b, bLcps) = Records(new Random(2), 70);
        for (int k = 0; k < 10; k++)
        {
            first.AppendRun<long>(a.AsSpan(k * 5, 5), aLcps.AsSpan(k * 5, 5));
            second.AppendRun<long>(b.AsSpan(k * 7, 7), bLcps.AsSpan(k * 7, 7));
        }
        Assert.True(pool.BytesWritten >= (48 + 68) * 16, "the buckets spilled to the shared file");
        var readA = new long[50];
        var readALcps = new long[50];
        first.LoadAll<long>(readA, readALcps, new int[10]);
        var readB = new long[70];
        var readBLcps = new long[70];
        second.LoadAll<long>(readB, readBLcps, new int[10]);
        Assert.Equal(a, readA);
        Assert.Equal(aLcps, readALcps);
        Assert.Equal(b, readB);
        Assert.Equal(bLcps, readBLcps);
    }

    [Fact]
    public void Loading_a_bucket_of_many_small_spills_reads_each_extent_once_and_in_order()
    {
        using var pool = new BucketPool(Directory.FullName, fileCount: 2);
        using var store = new SpillingBucketStore(pool);
        using var bucket = store.CreateBucket(RecordFormat.PositionLcp64, bufferRecords: 1);
        const int count = 4_000;
        var (positions, lcps) = Records(new Random(7), count);
        for (int i = 0; i < count; i++)
        {
            bucket.AppendRun<long>(positions.AsSpan(i, 1), lcps.AsSpan(i, 1));
        }
        var spilling = Assert.IsType<SpillingBucketStore.SpillingBucket>(bucket);
        Assert.Equal(count, spilling.ExtentCount);

        AssertHolds(bucket, RecordFormat.PositionLcp64, positions, lcps, [.. Enumerable.Range(0, count)]);
        // Linear: each extent is stepped over once (plus one step per read), not once per read before it.
        Assert.InRange(spilling.ExtentSteps, count, 2L * count);
    }

    [Fact]
    public void Concurrent_writers_on_one_pool_file_never_overlap()
    {
        using var pool = new BucketPool(Directory.FullName, fileCount: 1);
        var extents = new System.Collections.Concurrent.ConcurrentBag<(BucketPool.Extent Extent, byte Fill)>();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, writer =>
        {
            var data = new byte[100 + writer];
            Array.Fill(data, (byte)writer);
            extents.Add((pool.Write(0, data), (byte)writer));
        });
        Assert.Equal(extents.Sum(e => (long)e.Extent.Length), pool.BytesWritten);
        foreach (var (extent, fill) in extents)
        {
            var read = new byte[extent.Length];
            pool.Read(extent, read);
            Assert.All(read, b => Assert.Equal(fill, b));
        }
    }

    [Fact]
    public void Pool_files_are_unlinked_as_soon_as_they_are_created()
    {
        using (var pool = new BucketPool(Directory.FullName, fileCount: 4))
        {
            // A crash from here on leaves nothing behind: the files have no names.
            Assert.Empty(Directory.GetFileSystemInfos());
            var extent = pool.Write(2, [1, 2, 3]);
            var read = new byte[3];
            pool.Read(extent, read);
            Assert.Equal([1, 2, 3], read);
        }
        Assert.Empty(Directory.GetFileSystemInfos());
    }

    [Fact]
    public void A_pool_in_a_missing_directory_fails_with_a_clear_message()
    {
        var error = Assert.Throws<IOException>(() => new BucketPool(Path.Combine(Directory.FullName, "missing"), 2));
        Assert.Contains("working directory", error.Message, StringComparison.Ordinal);
    }

    private sealed class PoolOwningStore(BucketPool pool) : IBucketStore
    {
        private readonly SpillingBucketStore _store = new(pool);

        public IBucket CreateBucket(RecordFormat format, int bufferRecords = 2048) => _store.CreateBucket(format, bufferRecords);

        public void Dispose()
        {
            _store.Dispose();
            pool.Dispose();
        }
    }
}
