namespace Lode.SuffixArrays;

public sealed partial class SuffixArraySample
{
    /// <summary>How a sampled suffix relates to a pattern, judged from its stored prefix alone.</summary>
    private enum SampleOrder
    {
        /// <summary>The suffix sorts below the pattern and does not start with it.</summary>
        Less,

        /// <summary>The suffix starts with the pattern.</summary>
        Match,

        /// <summary>The stored prefix is a proper prefix of the pattern and the suffix goes on: undecided.</summary>
        Unknown,

        /// <summary>The suffix sorts above the pattern and does not start with it.</summary>
        Greater,
    }

    /// <summary>
    /// Narrows the search for a non-empty <paramref name="pattern"/> by binary search over the samples, which in
    /// suffix array order are Less, then Match or Unknown, then Greater. The range of the pattern starts after
    /// the last Less sample and ends at or before the first Greater one; a Match sample at either edge of the
    /// middle run bounds the start from above, and the end from below.
    /// </summary>
    internal SearchWindow Narrow(ReadOnlySpan<byte> pattern)
    {
        int firstNotLess = FirstSample(pattern, 0, static order => order != SampleOrder.Less);
        int firstGreater = FirstSample(pattern, firstNotLess, static order => order == SampleOrder.Greater);

        var window = SearchWindow.Whole(SuffixArrayLength);
        if (firstNotLess > 0)
        {
            Classify(firstNotLess - 1, pattern, out int lcp);
            long start = ((long)(firstNotLess - 1) * Interval) + 1;
            window = window with { LowerStart = start, LowerStartLcp = lcp, UpperStart = start };
        }
        if (firstGreater < Count)
        {
            Classify(firstGreater, pattern, out int lcp);
            long end = (long)firstGreater * Interval;
            window = window with { LowerEnd = end, LowerEndLcp = lcp, End = end, EndLcp = lcp };
        }
        if (firstNotLess < firstGreater)
        {
            if (Classify(firstNotLess, pattern, out _) == SampleOrder.Match)
            {
                window = window with { LowerEnd = (long)firstNotLess * Interval, LowerEndLcp = pattern.Length };
            }
            if (Classify(firstGreater - 1, pattern, out _) == SampleOrder.Match)
            {
                window = window with { UpperStart = ((long)(firstGreater - 1) * Interval) + 1 };
            }
        }
        return window;
    }

    /// <summary>The first sample at or after <paramref name="from"/> whose order satisfies the monotone <paramref name="predicate"/>, or <see cref="Count"/>.</summary>
    private int FirstSample(ReadOnlySpan<byte> pattern, int from, Func<SampleOrder, bool> predicate)
    {
        int lo = from;
        int hi = Count;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (predicate(Classify(mid, pattern, out _)))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /// <summary>Compares sample <paramref name="k"/>'s stored prefix with <paramref name="pattern"/>; <paramref name="lcp"/> is their common prefix length.</summary>
    private SampleOrder Classify(int k, ReadOnlySpan<byte> pattern, out int lcp)
    {
        ReadOnlySpan<byte> prefix = Prefix(k);
        lcp = prefix.CommonPrefixLength(pattern);
        if (lcp == pattern.Length)
        {
            return SampleOrder.Match;
        }
        if (lcp < prefix.Length)
        {
            return prefix[lcp] < pattern[lcp] ? SampleOrder.Less : SampleOrder.Greater;
        }
        // The whole stored prefix matches and the pattern goes on: a suffix stored whole is a proper prefix of
        // the pattern, so sorts below it; a truncated one is undecided.
        return prefix.Length < PrefixLength ? SampleOrder.Less : SampleOrder.Unknown;
    }
}
