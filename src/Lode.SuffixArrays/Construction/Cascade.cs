using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>
/// CaPS-SA phase 4's merge of one partition: the sorted pieces it gathered from every subarray, merged pairwise
/// level by level (a cascade of <see cref="LcpMerge"/>s) until one run is left.
/// </summary>
/// <remarks>Stateless and thread-safe; the caller owns every span.</remarks>
internal static class Cascade
{
    /// <summary>
    /// Merges the runs of <paramref name="sa"/>/<paramref name="lcp"/> that start at <paramref name="runStarts"/>
    /// (increasing, the first 0; each run's first LCP 0) into one sorted run, ping-ponging with
    /// <paramref name="otherSa"/>/<paramref name="otherLcp"/> (the same length). <paramref name="runStarts"/> is
    /// clobbered.
    /// </summary>
    /// <returns>True when the result ended in <paramref name="sa"/>/<paramref name="lcp"/>, false when in the other pair.</returns>
    public static bool Merge<T>(in SuffixText text, Span<T> sa, Span<T> lcp, Span<T> otherSa, Span<T> otherLcp,
        Span<int> runStarts)
        where T : unmanaged, IBinaryInteger<T>
    {
        int total = sa.Length;
        int runs = runStarts.Length;
        bool inFirst = true;
        while (runs > 1)
        {
            Span<T> fromSa = inFirst ? sa : otherSa;
            Span<T> fromLcp = inFirst ? lcp : otherLcp;
            Span<T> toSa = inFirst ? otherSa : sa;
            Span<T> toLcp = inFirst ? otherLcp : lcp;
            int merged = 0;
            for (int r = 0; r < runs; r += 2)
            {
                int start = runStarts[r];
                if (r + 1 == runs)
                {
                    fromSa[start..total].CopyTo(toSa[start..]);
                    fromLcp[start..total].CopyTo(toLcp[start..]);
                }
                else
                {
                    int middle = runStarts[r + 1];
                    int end = r + 2 < runs ? runStarts[r + 2] : total;
                    LcpMerge.Merge(text, fromSa[start..middle], fromLcp[start..middle], fromSa[middle..end],
                        fromLcp[middle..end], toSa[start..end], toLcp[start..end]);
                }
                runStarts[merged++] = start;
            }
            runs = merged;
            inFirst = !inFirst;
        }
        return inFirst;
    }
}
