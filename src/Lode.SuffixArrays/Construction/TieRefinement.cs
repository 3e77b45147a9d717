namespace Lode.SuffixArrays;

/// <summary>
/// Turns a bounded-context suffix array into the exact one by prefix doubling on its tie groups (runs of suffixes
/// whose first k bytes are equal): N. J. Larsson, K. Sadakane, "Faster Suffix Sorting", Theoretical Computer Science
/// 387(3), 2007. A group sorted by its first h bytes is sorted by its first 2h bytes by ordering it on the rank of
/// the suffix h positions later, so each round doubles h until no ties are left.
/// </summary>
/// <remarks>
/// Single-threaded; groups are processed one after another, which keeps the ranks they read consistent (the
/// argument of Larsson and Sadakane). Work: the tied entries once per round, log2(longest LCP / k) rounds.
/// Memory: the caller's LCP array is reused for the ranks, plus one bit per entry and 8 bytes per tie group.
/// </remarks>
internal static class TieRefinement
{
    /// <summary>Counts the entries of <paramref name="lcp"/> (index 1 on) equal to <paramref name="context"/>: suffixes tied with their predecessor.</summary>
    public static long CountTies(ReadOnlySpan<int> lcp, int context) =>
        lcp.Length <= 1 ? 0 : lcp[1..].Count(context);

    /// <summary>
    /// Reorders <paramref name="sa"/>, the suffix array in the order of the first <paramref name="context"/> bytes
    /// (ties in any order), into the exact suffix array. <paramref name="lcpThenRanks"/> holds its LCPs capped at
    /// the context on entry and is overwritten (used for the ranks).
    /// </summary>
    public static void Refine(int[] sa, int[] lcpThenRanks, int context)
    {
        int n = sa.Length;
        var tied = new ulong[(n + 63) >> 6];
        for (int i = 1; i < n; i++)
        {
            if (lcpThenRanks[i] == context)
            {
                tied[i >> 6] |= 1UL << i;
            }
        }
        int[] rank = lcpThenRanks;
        var groups = new List<(int Start, int End)>();
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && (tied[(end + 1) >> 6] & (1UL << (end + 1))) != 0)
            {
                end++;
            }
            for (int i = start; i <= end; i++)
            {
                rank[sa[i]] = end;
            }
            if (end > start)
            {
                groups.Add((start, end));
            }
            start = end + 1;
        }

        int[] keys = [];
        for (long h = context; groups.Count > 0; h *= 2)
        {
            var next = new List<(int Start, int End)>();
            foreach (var (start, end) in groups)
            {
                int length = end - start + 1;
                if (keys.Length < length)
                {
                    keys = new int[Math.Max(length, keys.Length * 2)];
                }
                Span<int> members = sa.AsSpan(start, length);
                Span<int> order = keys.AsSpan(0, length);
                for (int t = 0; t < length; t++)
                {
                    long later = members[t] + h;
                    // Tied suffixes are at least h long; one exactly h long has nothing after its prefix and sorts first.
                    order[t] = later < n ? rank[later] : -1;
                }
                order.Sort(members);
                for (int c = 0; c < length;)
                {
                    int d = c;
                    while (d + 1 < length && order[d + 1] == order[c])
                    {
                        d++;
                    }
                    for (int t = c; t <= d; t++)
                    {
                        rank[members[t]] = start + d;
                    }
                    if (d > c)
                    {
                        next.Add((start + c, start + d));
                    }
                    c = d + 1;
                }
            }
            groups = next;
        }
    }
}
