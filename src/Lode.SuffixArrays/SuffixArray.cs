namespace Lode.SuffixArrays;

/// <summary>Builds suffix arrays (and LCP arrays) of byte strings in memory.</summary>
/// <remarks>
/// <para>Order: unsigned lexicographic; a suffix that is a proper prefix of another sorts first (an implicit
/// sentinel; the order libdivsufsort produces). Any byte value 0–255 may occur. With
/// <see cref="SuffixArrayOptions.BoundedContext"/> only the first k bytes count, with the tie rule given there.</para>
/// <para>Algorithm: CaPS-SA (J. Khan et al., "Fast, Parallel, and Cache-Friendly Suffix Array Construction",
/// WABI 2023), parallel on <see cref="SuffixArrayOptions.Threads"/> workers. In the exact order,
/// <see cref="SuffixArrayAlgorithm.Auto"/> sorts on a 256-byte context and refines the few ties by prefix doubling,
/// or uses SA-IS (G. Nong, S. Zhang, W. H. Chan, IEEE Transactions on Computers 60(10), 2011) on fewer than 16
/// threads, for texts under 4 KiB and for texts with many long repeats. The result never depends on the algorithm or
/// the thread count.</para>
/// <para>Memory for n text bytes besides the text: CaPS-SA about 8.3n bytes (the 4n result, a 4n LCP array, and
/// per-worker scratch of a partition; the merged partitions are written back into the same arrays block by block),
/// also when the LCP array is returned; SA-IS the 4n result and at most 2n more on unusual text (plus 8n when the
/// LCP array is wanted). When
/// <see cref="SuffixArrayOptions.MemoryBudgetBytes"/> is below CaPS-SA's need, the sorted runs spill to temporary
/// files and memory stays near the result plus the budget.</para>
/// <para>Speed (measured on a shared 2-core AMD EPYC VM): CaPS-SA costs about 160 ns per text byte per core on
/// /usr/include text with a 256-byte context, against about 48 ns for libdivsufsort and 35 ns for SA-IS on one
/// core (docs/benchmarks.md); it pays off only with many cores, as in its paper. Thread-safe: concurrent calls
/// share nothing.</para>
/// </remarks>
public static class SuffixArray
{
    /// <summary>Builds the suffix array of <paramref name="text"/>.</summary>
    /// <param name="text">The text, at most <see cref="int.MaxValue"/> bytes. Only read; not retained.</param>
    /// <param name="options">Threads, bounded context, algorithm and memory budget; null for <see cref="SuffixArrayOptions.Default"/>.</param>
    /// <returns>A new array of <c>text.Length</c> distinct positions in [0, <c>text.Length</c>), owned by the caller.</returns>
    /// <exception cref="ArgumentException">SA-IS was asked for with a bounded context.</exception>
    /// <exception cref="IOException">The memory budget forced external memory and its temporary files failed.</exception>
    public static int[] Build(ReadOnlySpan<byte> text, SuffixArrayOptions? options = null) =>
        Sort(text, options ?? SuffixArrayOptions.Default, keepLcp: false).Sa;

    /// <summary>Builds the suffix array of <paramref name="text"/> and its LCP array.</summary>
    /// <param name="text">The text, at most <see cref="int.MaxValue"/> bytes. Only read; not retained.</param>
    /// <param name="options">Threads, bounded context, algorithm and memory budget; null for <see cref="SuffixArrayOptions.Default"/>.</param>
    /// <returns>Both arrays, new and owned by the caller.</returns>
    /// <exception cref="ArgumentException">SA-IS was asked for with a bounded context.</exception>
    /// <exception cref="IOException">The memory budget forced external memory and its temporary files failed.</exception>
    public static SuffixArrayResult BuildWithLcp(ReadOnlySpan<byte> text, SuffixArrayOptions? options = null)
    {
        var (sa, lcp) = Sort(text, options ?? SuffixArrayOptions.Default, keepLcp: true);
        return new SuffixArrayResult(sa, lcp!);
    }

    private static unsafe (int[] Sa, int[]? Lcp) Sort(ReadOnlySpan<byte> text, SuffixArrayOptions options, bool keepLcp)
    {
        fixed (byte* pointer = text)
        {
            return SuffixSorter.Sort(pointer, text.Length, options, keepLcp);
        }
    }
}
