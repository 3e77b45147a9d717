namespace Lode.SuffixArrays;

/// <summary>
/// Chooses and runs the construction for a text in memory: SA-IS, in-memory CaPS-SA (with the SA-IS fallback), or
/// external-memory CaPS-SA into the result array when the memory budget is too small for the in-memory one.
/// </summary>
internal static unsafe class SuffixSorter
{
    /// <summary>Texts shorter than this are sorted by SA-IS under <see cref="SuffixArrayAlgorithm.Auto"/>.</summary>
    public const int SaisBelow = 4096;

    /// <summary>Under <see cref="SuffixArrayAlgorithm.Auto"/> in exact mode, CaPS-SA may scan this many text bytes per text byte (plus <see cref="ScanAllowanceBytes"/>) before SA-IS takes over.</summary>
    private const long ScanBytesPerTextByte = 2048;

    private const long ScanAllowanceBytes = 256 << 20;

    /// <summary>Sorts the <paramref name="n"/> bytes at <paramref name="text"/> (which stay valid and unchanged meanwhile).</summary>
    /// <exception cref="ArgumentException">SA-IS was asked for with a bounded context.</exception>
    /// <exception cref="IOException">External memory was needed and its temporary files failed.</exception>
    public static (int[] Sa, int[]? Lcp) Sort(byte* text, int n, SuffixArrayOptions options, bool keepLcp)
    {
        CheckAlgorithm(options);
        if (n == 0)
        {
            return ([], keepLcp ? [] : null);
        }
        var suffixes = new SuffixText(text, n, options.BoundedContext ?? long.MaxValue);
        bool exact = options.BoundedContext is null;
        bool useSais = options.Algorithm == SuffixArrayAlgorithm.Sais ||
            (options.Algorithm == SuffixArrayAlgorithm.Auto && exact && n < SaisBelow);
        int[] sa = GC.AllocateUninitializedArray<int>(n);
        if (!useSais)
        {
            int subarrays = options.SubarraysFor(n);
            if (MemoryPlan.InMemoryBytes(n, options.Threads, subarrays) > options.MemoryBudgetBytes)
            {
                return SortExternally(suffixes, sa, options, keepLcp);
            }
            var budget = options.Algorithm == SuffixArrayAlgorithm.Auto && exact
                ? new ScanBudget((ScanBytesPerTextByte * n) + ScanAllowanceBytes)
                : ScanBudget.Unlimited;
            int[] lcp = GC.AllocateUninitializedArray<int>(n);
            try
            {
                CapsSa.Build(suffixes, sa, lcp, keepLcp, options.Threads, subarrays, budget);
                return (sa, keepLcp ? lcp : null);
            }
            catch (ScanBudgetExceededException)
            {
                // Too repetitive for merging in exact mode: SA-IS is linear on any input.
            }
        }
        var span = new ReadOnlySpan<byte>(text, n);
        Sais.Build(new ByteText(span), sa, 256, []);
        return (sa, keepLcp ? PhiLcp.Compute(span, sa) : null);
    }

    /// <summary>Refuses SA-IS with a bounded context (SA-IS sorts in the exact order only).</summary>
    /// <exception cref="ArgumentException">The combination was asked for.</exception>
    public static void CheckAlgorithm(SuffixArrayOptions options)
    {
        if (options.Algorithm == SuffixArrayAlgorithm.Sais && options.BoundedContext is not null)
        {
            throw new ArgumentException(
                "SA-IS sorts in the exact order only; drop the bounded context or use CaPS-SA.", nameof(options));
        }
    }

    /// <summary>Runs external-memory CaPS-SA into <paramref name="sink"/>, spilling to disk unless all records fit the budget.</summary>
    /// <param name="text">The text.</param>
    /// <param name="sink">Where the result goes.</param>
    /// <param name="options">Threads, budget and working directory.</param>
    /// <param name="budget">Bytes for the construction's working set (the budget less any in-memory output).</param>
    public static void SortExternally<T>(SuffixText text, ISuffixArraySink<T> sink, SuffixArrayOptions options, long budget)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        int entryBytes = typeof(T) == typeof(int) ? sizeof(int) : sizeof(long);
        var (subarrays, bufferRecords) = MemoryPlan.ExternalPlan(text.Length, entryBytes, options.Threads, budget);
        if (options.SubarrayCount is int chosen)
        {
            subarrays = (int)Math.Clamp(chosen, 1, text.Length);
            bufferRecords = MemoryPlan.BufferRecordsFor(budget, entryBytes, subarrays);
        }
        bool inMemory = MemoryPlan.RecordBytes(text.Length, entryBytes) +
            MemoryPlan.ExternalWorkingBytes(text.Length, entryBytes, options.Threads, subarrays, bufferRecords) <= budget;
        if (inMemory)
        {
            using var store = new MemoryBucketStore();
            ExternalCapsSa<T>.Build(text, sink, options.Threads, subarrays, store, bufferRecords);
            return;
        }
        using var pool = new BucketPool(options.WorkingDirectory ?? Path.GetTempPath(), options.Threads);
        using var spilling = new SpillingBucketStore(pool);
        ExternalCapsSa<T>.Build(text, sink, options.Threads, subarrays, spilling, bufferRecords);
    }

    private static (int[] Sa, int[]? Lcp) SortExternally(SuffixText text, int[] sa, SuffixArrayOptions options, bool keepLcp)
    {
        int[]? lcp = keepLcp ? GC.AllocateUninitializedArray<int>(sa.Length) : null;
        long outputBytes = 4L * sa.Length * (keepLcp ? 2 : 1);
        SortExternally(text, new ArraySink(sa, lcp), options, Math.Max(1 << 20, options.MemoryBudgetBytes - outputBytes));
        return (sa, lcp);
    }
}
