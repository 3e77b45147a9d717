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
