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
    /// <summary>Runs up to this length are sorted directly (<see cref="SortSmall"/>), not merged.</summary>
    private const int SmallRun = 16;

    /// <summary>
    /// Sorts the positions in <paramref name="sa"/> in place and writes their LCPs to <paramref name="lcp"/>
    /// (<c>lcp[0] = 0</c>), using <paramref name="scratchSa"/> and <paramref name="scratchLcp"/> (each at least as
    /// long as <paramref name="sa"/>) as working space.
    /// </summary>
    public static void Sort<T>(in SuffixText text, Span<T> sa, Span<T> lcp, Span<T> scratchSa, Span<T> scratchLcp)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = sa.Length;
        scratchSa = scratchSa[..n];
        sa.CopyTo(scratchSa);
        SortInto(text, scratchSa, sa, scratchLcp[..n], lcp[..n]);
    }

    /// <summary>
    /// Sorts into <paramref name="dst"/> (and <paramref name="dstLcp"/>); on entry <paramref name="src"/> and
    /// <paramref name="dst"/> hold the same positions, and <paramref name="src"/> is clobbered. The halves are
    /// sorted into <paramref name="src"/> and merged back, so no copying is needed between levels.
    /// </summary>
    private static void SortInto<T>(in SuffixText text, Span<T> src, Span<T> dst, Span<T> srcLcp, Span<T> dstLcp)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = dst.Length;
        if (n <= SmallRun)
        {
            SortSmall(text, dst, dstLcp);
            return;
        }
        int half = n >> 1;
        SortInto(text, dst[..half], src[..half], dstLcp[..half], srcLcp[..half]);
        SortInto(text, dst[half..], src[half..], dstLcp[half..], srcLcp[half..]);
        LcpMerge.Merge(text, src[..half], srcLcp[..half], src[half..], srcLcp[half..], dst, dstLcp);
    }

    /// <summary>
    /// Sorts a short run (at most <see cref="SmallRun"/> entries) by insertion on the suffixes' first 8 bytes held
    /// as integers, comparing the text only when those are equal or cut short, and writes the LCPs.
    /// </summary>
    private static void SortSmall<T>(in SuffixText text, Span<T> sa, Span<T> lcp)
        where T : unmanaged, IBinaryInteger<T>
    {
        int n = sa.Length;
        Span<long> positions = stackalloc long[SmallRun];
        Span<ulong> keys = stackalloc ulong[SmallRun];
        Span<bool> complete = stackalloc bool[SmallRun];
        for (int e = 0; e < n; e++)
        {
            long position = long.CreateTruncating(sa[e]);
            ulong key = text.Prefix8(position, out bool whole);
            int at = e;
            while (at > 0 && Before(text, position, key, whole, positions[at - 1], keys[at - 1], complete[at - 1]))
            {
                positions[at] = positions[at - 1];
                keys[at] = keys[at - 1];
                complete[at] = complete[at - 1];
                at--;
            }
            positions[at] = position;
            keys[at] = key;
            complete[at] = whole;
        }
        for (int e = 0; e < n; e++)
        {
            sa[e] = T.CreateTruncating(positions[e]);
            long common = 0;
            if (e > 0)
            {
                ulong difference = keys[e - 1] ^ keys[e];
                if (complete[e - 1] & complete[e] & difference != 0)
                {
                    common = BitOperations.LeadingZeroCount(difference) >> 3;
                }
                else
                {
                    long known = complete[e - 1] & complete[e] ? sizeof(ulong) : 0;
                    common = text.Compare(positions[e - 1], positions[e], known, out _);
                }
            }
            lcp[e] = T.CreateTruncating(common);
        }
    }

    /// <summary>Whether suffix <paramref name="a"/> sorts before <paramref name="b"/>, deciding on their 8-byte prefixes when both are complete and differ.</summary>
    private static bool Before(in SuffixText text, long a, ulong aKey, bool aComplete, long b, ulong bKey, bool bComplete)
    {
        if (aComplete & bComplete & aKey != bKey)
        {
            return aKey < bKey;
        }
        text.Compare(a, b, aComplete & bComplete ? sizeof(ulong) : 0, out bool aFirst);
        return aFirst;
    }
}
