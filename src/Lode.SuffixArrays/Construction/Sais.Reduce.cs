namespace Lode.SuffixArrays;

internal static partial class Sais
{
    /// <summary>
    /// Names the LMS substrings, sorted in <c>sa[0..m)</c>, with their ranks (equal substrings share a name), and
    /// leaves the reduced string, the names in text order, in <c>sa[n-m..n)</c>.
    /// </summary>
    /// <returns>The number of distinct names.</returns>
    private static int NameLmsSubstrings<TText>(TText text, Span<int> sa, int m, SuffixTypes types)
        where TText : ISaisText, allows ref struct
    {
        int n = text.Length;
        // LMS positions are at least two apart, so p/2 gives each a distinct slot in sa[m..n).
        sa[m..].Fill(Empty);
        int name = -1;
        int previous = -1;
        for (int i = 0; i < m; i++)
        {
            int p = sa[i];
            if (previous < 0 || !LmsSubstringsEqual(text, types, previous, p))
            {
                name++;
            }
            previous = p;
            sa[m + (p >> 1)] = name;
        }

        int j = n;
        for (int i = n - 1; i >= m; i--)
        {
            if (sa[i] != Empty)
            {
                sa[--j] = sa[i];
            }
        }
        return name + 1;
    }

    /// <summary>
    /// Whether the LMS substrings at <paramref name="a"/> and <paramref name="b"/> (from an LMS position up to and
    /// including the next one) are equal in symbols and types. A substring that runs into the implicit
    /// sentinel equals no other.
    /// </summary>
    private static bool LmsSubstringsEqual<TText>(TText text, SuffixTypes types, int a, int b)
        where TText : ISaisText, allows ref struct
    {
        int n = text.Length;
        for (int d = 0; ; d++)
        {
            int i = a + d;
            int j = b + d;
            if (i == n || j == n || text[i] != text[j] || types.IsS(i) != types.IsS(j))
            {
                return false;
            }
            if (d > 0 && types.IsLms(i))
            {
                // Equal types so far, so j is LMS too: both substrings end here.
                return true;
            }
        }
    }

    /// <summary>
    /// Sorts the suffixes of the reduced string in <c>sa[n-m..n)</c> into <c>sa[0..m)</c>: directly when every
    /// name is unique, else by recursing with the free middle of the array (or the caller's spare memory,
    /// whichever is larger) as scratch.
    /// </summary>
    private static void SortLmsSuffixes(Span<int> sa, int m, int nameCount, Span<int> spare)
    {
        int n = sa.Length;
        Span<int> reduced = sa[(n - m)..];
        if (nameCount == m)
        {
            for (int i = 0; i < m; i++)
            {
                sa[reduced[i]] = i;
            }
            return;
        }
        Span<int> middle = sa[m..(n - m)];
        Build(new IntText(reduced), sa[..m], nameCount, middle.Length >= spare.Length ? middle : spare);
    }

    /// <summary>
    /// Stage 2: turns the sorted reduced suffixes in <c>sa[0..m)</c> into sorted LMS positions, places them at the
    /// tails of their buckets in that order, and induces the full suffix array.
    /// </summary>
    private static void InduceFromSortedLms<TText>(TText text, Span<int> sa, int m, SuffixTypes types, Buckets buckets)
        where TText : ISaisText, allows ref struct
    {
        int n = text.Length;
        Span<int> lmsPositions = sa[(n - m)..];
        int k = 0;
        for (int i = 1; i < n; i++)
        {
            if (types.IsLms(i))
            {
                lmsPositions[k++] = i;
            }
        }
        for (int i = 0; i < m; i++)
        {
            sa[i] = lmsPositions[sa[i]];
        }
        sa[m..].Fill(Empty);

        // The i-th smallest LMS suffix belongs at index >= i, so a right-to-left pass never overwrites one it
        // has yet to move.
        Span<int> tails = buckets.Tails(text);
        for (int i = m - 1; i >= 0; i--)
        {
            int p = sa[i];
            sa[i] = Empty;
            sa[--tails[text[p]]] = p;
        }
        Induce(text, sa, types, buckets);
    }
}
