using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>
/// CaPS-SA in external memory, after the reference implementation's external-memory mode: each sorted subarray is
/// split at the pivots at once and its pieces appended to one bucket per partition (a run each), so only a few
/// subarrays or partitions are in memory at any time; then every partition is loaded, merged and written to the
/// sink. Works on texts of any length (<typeparamref name="T"/> = long beyond 2^31) and on either bucket store.
/// </summary>
/// <remarks>
/// <para>Because the subarrays are not all sorted before the pivots are needed, phase 2 samples each subarray's
/// positions at random (a fixed seed), which is the same as sampling the sorted subarray at random ranks; the
/// samples are sorted and p − 1 pivots taken at even ranks. The result is the same suffix array as in memory.</para>
/// <para>Memory: per worker four subarrays' or partitions' worth of entries (sizeof(T) bytes each), one bucket
/// buffer per partition, and the text.</para>
/// </remarks>
internal sealed class ExternalCapsSa<T>
    where T : unmanaged, IBinaryInteger<T>
{
    private readonly SuffixText _text;
    private readonly int _threads;
    private readonly int _subarrays;
    private readonly long _subarrayLength;
    private readonly IBucket[] _buckets;

    private ExternalCapsSa(SuffixText text, int threads, int subarrays, IBucketStore store, int bufferRecords)
    {
        _text = text;
        _threads = threads;
        _subarrays = subarrays;
        _subarrayLength = text.Length / subarrays;
        _buckets = new IBucket[subarrays];
        for (int j = 0; j < subarrays; j++)
        {
            _buckets[j] = store.CreateBucket(Records.PairFormat<T>(), bufferRecords);
        }
    }

    /// <summary>Sorts the suffixes of <paramref name="text"/> (n ≥ 1) into <paramref name="sink"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="sink">Receives the suffix array and, if it wants it, the LCP array.</param>
    /// <param name="threads">Workers, at least 1.</param>
    /// <param name="subarrays">p, in [1, n]; each subarray and partition must have fewer than 2^31 entries.</param>
    /// <param name="store">Where the sorted pieces wait.</param>
    /// <param name="bufferRecords">Records each bucket buffers in memory.</param>
    /// <exception cref="IOException">The store failed to spill or load.</exception>
    public static void Build(SuffixText text, ISuffixArraySink<T> sink, int threads, int subarrays, IBucketStore store,
        int bufferRecords = 2048)
    {
        var build = new ExternalCapsSa<T>(text, threads, subarrays, store, bufferRecords);
        try
        {
            long[] pivots = build.ChoosePivots();
            build.SortAndDistribute(pivots);
            build.MergePartitions(sink);
        }
        finally
        {
            foreach (var bucket in build._buckets)
            {
                bucket.Dispose();
            }
        }
    }

    private long SubarrayStart(int i) => i * _subarrayLength;

    private long SubarrayEnd(int i) => i == _subarrays - 1 ? _text.Length : (i + 1) * _subarrayLength;

    /// <summary>Phase 2, first: random samples of every subarray's positions, sorted; p − 1 pivots at even ranks.</summary>
    private long[] ChoosePivots()
    {
        int perSubarray = Pivots.SamplesPerSubarray(_text.Length, _subarrayLength);
        var samples = new long[(long)perSubarray * _subarrays];
        var random = new Random(0x5A5A);
        for (int i = 0; i < _subarrays; i++)
        {
            long start = SubarrayStart(i);
            long length = SubarrayEnd(i) - start;
            for (int t = 0; t < perSubarray; t++)
            {
                samples[((long)i * perSubarray) + t] = start + random.NextInt64(length);
            }
        }
        return Pivots.Choose(_text, samples, _subarrays);
    }

    /// <summary>Phases 1 and 3: each subarray sorted, split at the pivots, and its pieces appended to the partitions' buckets.</summary>
    private void SortAndDistribute(long[] pivots)
    {
        int longest = checked((int)(_text.Length - SubarrayStart(_subarrays - 1)));
        Workers.Run(_threads, _subarrays, () => new Buffers(longest, _subarrays), (buffers, i) =>
        {
            long start = SubarrayStart(i);
            int length = (int)(SubarrayEnd(i) - start);
            Span<T> sa = buffers.Sa.AsSpan(0, length);
            Span<T> lcp = buffers.Lcp.AsSpan(0, length);
            for (int k = 0; k < length; k++)
            {
                sa[k] = T.CreateTruncating(start + k);
            }
            LcpMergeSort.Sort(_text, sa, lcp, buffers.OtherSa, buffers.OtherLcp);
            Pivots.Locate<T>(_text, sa, pivots, buffers.Bounds);
            // Start with a different partition in each subarray so that workers rarely append to the same bucket.
            for (int step = 0; step < _subarrays; step++)
            {
                int j = (i + step) % _subarrays;
                int from = buffers.Bounds[j];
                int to = buffers.Bounds[j + 1];
                if (from < to)
                {
                    lcp[from] = T.Zero;
                    _buckets[j].AppendRun<T>(sa[from..to], lcp[from..to]);
                }
            }
        });
    }

    /// <summary>Phases 4 and 5: every partition loaded, merged by a cascade and written; the LCPs at partition starts fixed.</summary>
    private void MergePartitions(ISuffixArraySink<T> sink)
    {
        var starts = new long[_subarrays + 1];
        long largest = 0;
        for (int j = 0; j < _subarrays; j++)
        {
            starts[j + 1] = starts[j] + _buckets[j].Count;
            largest = Math.Max(largest, _buckets[j].Count);
        }
        if (largest > Array.MaxLength)
        {
            throw new InvalidOperationException($"A partition of {largest} suffixes does not fit an array; use more subarrays.");
        }
        var first = new long[_subarrays];
        var last = new long[_subarrays];
        Workers.Run(_threads, _subarrays, () => new Buffers((int)largest, _subarrays), (buffers, j) =>
        {
            var bucket = _buckets[j];
            int size = (int)bucket.Count;
            if (size == 0)
            {
                return;
            }
            int runs = bucket.RunCount;
            bucket.LoadAll<T>(buffers.Sa, buffers.Lcp, buffers.Bounds);
            bucket.Dispose();
            bool inFirst = Cascade.Merge(_text, buffers.Sa.AsSpan(0, size), buffers.Lcp.AsSpan(0, size),
                buffers.OtherSa.AsSpan(0, size), buffers.OtherLcp.AsSpan(0, size), buffers.Bounds.AsSpan(0, runs));
            var sa = (inFirst ? buffers.Sa : buffers.OtherSa).AsSpan(0, size);
            var lcp = (inFirst ? buffers.Lcp : buffers.OtherLcp).AsSpan(0, size);
            sink.Write(starts[j], sa, sink.WantsLcp ? lcp : []);
            first[j] = long.CreateTruncating(sa[0]);
            last[j] = long.CreateTruncating(sa[^1]);
        });
        if (sink.WantsLcp)
        {
            long previous = -1;
            for (int j = 0; j < _subarrays; j++)
            {
                if (starts[j] == starts[j + 1])
                {
                    continue;
                }
                if (previous >= 0)
                {
                    sink.WriteLcp(starts[j], _text.Lcp(previous, first[j]));
                }
                previous = last[j];
            }
        }
    }

    /// <summary>A worker's buffers: a run and its LCPs, a second pair to merge into, and the piece bounds or run starts.</summary>
    private sealed class Buffers(int length, int subarrays)
    {
        public T[] Sa { get; } = GC.AllocateUninitializedArray<T>(length);

        public T[] Lcp { get; } = GC.AllocateUninitializedArray<T>(length);

        public T[] OtherSa { get; } = GC.AllocateUninitializedArray<T>(length);

        public T[] OtherLcp { get; } = GC.AllocateUninitializedArray<T>(length);

        public int[] Bounds { get; } = new int[subarrays + 1];
    }
}
