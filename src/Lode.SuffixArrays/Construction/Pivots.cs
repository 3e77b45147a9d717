using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>
/// CaPS-SA phases 2 and 3: choosing the p − 1 pivots that split the suffixes into p partitions, and locating
/// each pivot in a sorted run by binary search.
/// </summary>
/// <remarks>Stateless and thread-safe; the caller owns every span.</remarks>
internal static class Pivots
{
    /// <summary>Samples per subarray: about c·ln n with c = 16 (CaPS-SA samples c·ln n per subarray).</summary>
    public static int SamplesPerSubarray(long textLength, long subarrayLength) =>
        (int)Math.Clamp((long)Math.Ceiling(16 * Math.Log(Math.Max(2, textLength))), 1, Math.Max(1, subarrayLength - 1));

    /// <summary>
    /// Writes <paramref name="samples"/>.Length regularly spaced entries of the sorted run <paramref name="sorted"/>
    /// (ranks ⌊(t + 1)·|run| / (count + 1)⌋), the regular sampling of parallel sorting by regular sampling
    /// (Shi, Schaeffer 1992), which bounds every partition to about twice the average.
    /// </summary>
    public static void SampleRegularly<T>(ReadOnlySpan<T> sorted, Span<long> samples)
        where T : unmanaged, IBinaryInteger<T>
    {
        long length = sorted.Length;
        for (int t = 0; t < samples.Length; t++)
        {
            samples[t] = long.CreateTruncating(sorted[(int)((t + 1) * length / (samples.Length + 1))]);
        }
    }

    /// <summary>
    /// Sorts <paramref name="samples"/> (distinct positions) and returns <paramref name="partitionCount"/> − 1
    /// of them at evenly spaced ranks: the pivots, in increasing suffix order. Partition j holds the suffixes
    /// above pivot j − 1 and at most pivot j.
    /// </summary>
    public static long[] Choose(in SuffixText text, long[] samples, int partitionCount)
    {
        int count = samples.Length;
        var lcp = new long[count];
        var scratch = new long[count];
        var scratchLcp = new long[count];
        LcpMergeSort.Sort(text, samples.AsSpan(), lcp, scratch, scratchLcp);
        var pivots = new long[partitionCount - 1];
        for (int j = 0; j < pivots.Length; j++)
        {
            pivots[j] = samples[(int)((long)(j + 1) * count / partitionCount)];
        }
        return pivots;
    }

    /// <summary>
    /// The first index at or after <paramref name="from"/> in the sorted run <paramref name="sorted"/> whose
    /// suffix sorts after the suffix at <paramref name="pivot"/> (an upper bound). Binary search that keeps the
    /// LCP of the pivot with the suffixes at both ends of the window and skips their minimum, as in Manber and
    /// Myers' search.
    /// </summary>
    public static int UpperBound<T>(in SuffixText text, ReadOnlySpan<T> sorted, long pivot, int from)
        where T : unmanaged, IBinaryInteger<T>
    {
        int lo = from - 1;
        int hi = sorted.Length;
        long lcpLo = 0;
        long lcpHi = 0;
        while (hi - lo > 1)
        {
            int middle = lo + ((hi - lo) >> 1);
            long lcp = text.Compare(pivot, long.CreateTruncating(sorted[middle]), Math.Min(lcpLo, lcpHi), out bool pivotFirst);
            if (pivotFirst)
            {
                hi = middle;
                lcpHi = lcp;
            }
            else
            {
                lo = middle;
                lcpLo = lcp;
            }
        }
        return hi;
    }

    /// <summary>
    /// Writes the piece boundaries of one sorted subarray: <c>bounds[0] = 0</c>, <c>bounds[j + 1]</c> = the upper
    /// bound of pivot j, <c>bounds[p] = |run|</c>. Piece j is <c>[bounds[j], bounds[j + 1])</c>.
    /// </summary>
    public static void Locate<T>(in SuffixText text, ReadOnlySpan<T> sorted, ReadOnlySpan<long> pivots, Span<int> bounds)
        where T : unmanaged, IBinaryInteger<T>
    {
        bounds[0] = 0;
        for (int j = 0; j < pivots.Length; j++)
        {
            bounds[j + 1] = UpperBound(text, sorted, pivots[j], bounds[j]);
        }
        bounds[pivots.Length + 1] = sorted.Length;
    }
}
