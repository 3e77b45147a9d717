namespace Lode.SuffixArrays;

/// <summary>
/// Chooses and runs the construction for a text in memory: SA-IS, in-memory CaPS-SA (in exact mode with a bounded
/// context of <see cref="ExactModeContext"/> and the ties refined afterwards), or external-memory CaPS-SA into the
/// result array when the memory budget is too small for the in-memory one.
/// </summary>
internal static unsafe class SuffixSorter
{
    /// <summary>Texts shorter than this are sorted by SA-IS under <see cref="SuffixArrayAlgorithm.Auto"/>.</summary>
    public const int SaisBelow = 4096;

    /// <summary>
    /// With fewer threads than this, <see cref="SuffixArrayAlgorithm.Auto"/> sorts the exact order with SA-IS. Measured
    /// (docs/benchmarks.md, 2026-11-21, 2 cores, ~100 MiB inputs): in-memory CaPS-SA on 2 threads took 1.7–3.1× the time
    /// of single-threaded SA-IS on /usr/include text, random bytes, random DNA and repetitive text alike, and went only
    /// 1.0–1.4× faster from 1 to 2 threads; SA-IS has since become about 2.3× faster still. So CaPS-SA cannot catch
    /// up below about 16 threads (an estimate: no machine with more cores was measured).
    /// </summary>
    public const int CapsSaFromThreads = 16;

    /// <summary>
    /// The context CaPS-SA sorts with in exact mode under <see cref="SuffixArrayAlgorithm.Auto"/>, before the tie
    /// groups are refined: it caps the bytes any comparison scans, so long repeats cost no more than short ones.
    /// </summary>
    public const int ExactModeContext = 256;

    /// <summary>
    /// Above this fraction of entries tied on <see cref="ExactModeContext"/> bytes, SA-IS is faster than refining
    /// the ties (measured: 64 MiB of /usr/include ties 35% of its suffixes, and refining them takes 28 s against
    /// 5.4 s for the SA-IS of that day, 2.4 s now); checked before sorting with <see cref="RepeatProbe"/> and again after.
    /// </summary>
    public const double MostTiedFraction = 0.03;

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
        var algorithm = options.Algorithm;
        if (algorithm == SuffixArrayAlgorithm.Auto && options.BoundedContext is null && n < SaisBelow)
        {
            algorithm = SuffixArrayAlgorithm.Sais;
        }
        var span = new ReadOnlySpan<byte>(text, n);
        if (algorithm == SuffixArrayAlgorithm.Sais)
        {
            return Sais(span, GC.AllocateUninitializedArray<int>(n), keepLcp);
        }
        int subarrays = options.SubarraysFor(n);
        int[] sa = GC.AllocateUninitializedArray<int>(n);
        if (MemoryPlan.InMemoryBytes(n, options.Threads, subarrays) > options.MemoryBudgetBytes)
        {
            // No room for the ranks of a refinement: external memory sorts in the requested order directly.
            return SortExternally(new SuffixText(text, n, options.BoundedContext ?? long.MaxValue), sa, options, keepLcp);
        }
        bool refine = algorithm == SuffixArrayAlgorithm.Auto && options.BoundedContext is null;
        // After the budget check above, so that a budget too small for memory still goes to external memory.
        if (refine && (options.Threads < CapsSaFromThreads || RepeatProbe.TiedFraction(span, ExactModeContext) > MostTiedFraction))
        {
            return Sais(span, sa, keepLcp);
        }
        var suffixes = new SuffixText(text, n, refine ? ExactModeContext : options.BoundedContext ?? long.MaxValue);
        int[] lcp = GC.AllocateUninitializedArray<int>(n);
        CapsSa.Build(suffixes, sa, lcp, keepLcp || refine, options.Threads, subarrays);
        if (!refine)
        {
            return (sa, keepLcp ? lcp : null);
        }
        return RefineExact(span, sa, lcp, ExactModeContext, keepLcp);
    }

    /// <summary>
    /// Finishes exact mode from a suffix array sorted on the first <paramref name="context"/> bytes: nothing to do
    /// when no entry ties; Larsson–Sadakane refinement of the tie groups when few do; SA-IS from scratch (into the
    /// same array) when more than twice <see cref="MostTiedFraction"/> do, which the probe should have foreseen.
    /// </summary>
    public static (int[] Sa, int[]? Lcp) RefineExact(ReadOnlySpan<byte> text, int[] sa, int[] lcp, int context, bool keepLcp)
    {
        long ties = TieRefinement.CountTies(lcp, context);
        if (ties == 0)
        {
            return (sa, keepLcp ? lcp : null);
        }
        if (ties > 2 * MostTiedFraction * sa.Length)
        {
            return Sais(text, sa, keepLcp);
        }
        TieRefinement.Refine(sa, lcp, context);
        return (sa, keepLcp ? PhiLcp.Compute(text, sa, lcp) : null);
    }

    /// <summary>SA-IS into <paramref name="sa"/> (n entries, overwritten), and the Φ LCP array when wanted.</summary>
    private static (int[] Sa, int[]? Lcp) Sais(ReadOnlySpan<byte> text, int[] sa, bool keepLcp)
    {
        SuffixArrays.Sais.Build(new ByteText(text), sa, 256, []);
        return (sa, keepLcp ? PhiLcp.Compute(text, sa, GC.AllocateUninitializedArray<int>(sa.Length)) : null);
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
