using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>
/// Top-down merge sort of suffixes that carries the LCP of adjacent elements (CaPS-SA phase 1), built on
/// <see cref="LcpMerge"/>: each merge decides most steps from the carried LCPs, so the text is read only on ties.
/// </summary>
/// <remarks>
/// Sorting a subarray of contiguous text positions touches only that stretch of the text (plus the longest
/// common prefixes running past it), which keeps phase 1 in cache. Stateless and thread-safe; the caller owns
/// the spans. Recursion depth is log2 of the length.
/// </remarks>
internal static class LcpMergeSort
{
    /// <summary>
    /// Sorts the positions in <paramref name="sa"/> in place and writes their LCPs to <paramref name="lcp"/>
    /// (<c>lcp[0] = 0</c>), using <paramref name="scratchSa"/> and <paramref name="scratchLcp"/> (each at least as
    /// long as <paramref name="sa"/>) as working space.
    /// </summary>
    /// <exception cref="ScanBudgetExceededException">The meter's budget is spent.</exception>
    public static void Sort<T>(in SuffixText text, Span<T> sa, Span<T> lcp, Span<T> scratchSa, Span<T> scratchLcp,
        ref ScanMeter meter)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = sa.Length;
        scratchSa = scratchSa[..n];
        sa.CopyTo(scratchSa);
        SortInto(text, scratchSa, sa, scratchLcp[..n], lcp[..n], ref meter);
    }

    /// <summary>
    /// Sorts into <paramref name="dst"/> (and <paramref name="dstLcp"/>); on entry <paramref name="src"/> and
    /// <paramref name="dst"/> hold the same positions, and <paramref name="src"/> is clobbered. The halves are
    /// sorted into <paramref name="src"/> and merged back, so no copying is needed between levels.
    /// </summary>
    private static void SortInto<T>(in SuffixText text, Span<T> src, Span<T> dst, Span<T> srcLcp, Span<T> dstLcp,
        ref ScanMeter meter)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = dst.Length;
        if (n <= 2)
        {
            SortSmall(text, dst, dstLcp, ref meter);
            return;
        }
        int half = n >> 1;
        SortInto(text, dst[..half], src[..half], dstLcp[..half], srcLcp[..half], ref meter);
        SortInto(text, dst[half..], src[half..], dstLcp[half..], srcLcp[half..], ref meter);
        LcpMerge.Merge(text, src[..half], srcLcp[..half], src[half..], srcLcp[half..], dst, dstLcp, ref meter);
    }

    private static void SortSmall<T>(in SuffixText text, Span<T> sa, Span<T> lcp, ref ScanMeter meter)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (sa.Length == 0)
        {
            return;
        }
        lcp[0] = T.Zero;
        if (sa.Length == 2)
        {
            long a = long.CreateTruncating(sa[0]);
            long b = long.CreateTruncating(sa[1]);
            long common = text.Compare(a, b, 0, out bool aFirst);
            meter.Spend(common);
            if (!aFirst)
            {
                (sa[0], sa[1]) = (sa[1], sa[0]);
            }
            lcp[1] = T.CreateTruncating(common);
        }
    }
}
