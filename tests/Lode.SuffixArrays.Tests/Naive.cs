namespace Lode.SuffixArrays.Tests;

/// <summary>Slow, obviously correct references for the tests.</summary>
internal static class Naive
{
    /// <summary>The suffix array by sorting positions with a direct suffix comparison.</summary>
    public static int[] SuffixArray(byte[] text)
    {
        var positions = Enumerable.Range(0, text.Length).ToArray();
        Array.Sort(positions, (a, b) => text.AsSpan(a).SequenceCompareTo(text.AsSpan(b)));
        return positions;
    }

    /// <summary>
    /// The bounded-context suffix array: suffixes ordered by their first <paramref name="context"/> bytes, a
    /// shorter one first when it is a prefix of the other, equal prefixes by descending position.
    /// </summary>
    public static int[] SuffixArray(byte[] text, int context)
    {
        var positions = Enumerable.Range(0, text.Length).ToArray();
        Array.Sort(positions, (a, b) =>
        {
            var x = text.AsSpan(a, Math.Min(context, text.Length - a));
            var y = text.AsSpan(b, Math.Min(context, text.Length - b));
            int order = x.SequenceCompareTo(y);
            return order != 0 ? order : b.CompareTo(a);
        });
        return positions;
    }

    /// <summary>The LCP array by Kasai et al.'s algorithm (CPM 2001), capped at <paramref name="context"/>.</summary>
    public static int[] Kasai(byte[] text, int[] sa, int context = int.MaxValue)
    {
        int n = text.Length;
        var rank = new int[n];
        for (int i = 0; i < n; i++)
        {
            rank[sa[i]] = i;
        }
        var lcp = new int[n];
        int h = 0;
        for (int i = 0; i < n; i++)
        {
            if (rank[i] == 0)
            {
                h = 0;
                continue;
            }
            int j = sa[rank[i] - 1];
            while (i + h < n && j + h < n && text[i + h] == text[j + h])
            {
                h++;
            }
            lcp[rank[i]] = h;
            h = Math.Max(0, h - 1);
        }
        // With a bounded context, neighbours in the bounded order need not be neighbours in the exact one: take
        // the direct LCP, capped.
        if (context != int.MaxValue)
        {
            for (int i = 1; i < n; i++)
            {
                lcp[i] = Math.Min(context, text.AsSpan(sa[i - 1]).CommonPrefixLength(text.AsSpan(sa[i])));
            }
        }
        return lcp;
    }

    /// <summary>The sorted text positions where <paramref name="pattern"/> occurs (all of them for an empty pattern).</summary>
    public static int[] Occurrences(byte[] text, byte[] pattern)
    {
        var hits = new List<int>();
        for (int i = 0; i <= text.Length - pattern.Length; i++)
        {
            if (text.AsSpan(i).StartsWith(pattern))
            {
                hits.Add(i);
            }
        }
        return [.. hits];
    }
}
