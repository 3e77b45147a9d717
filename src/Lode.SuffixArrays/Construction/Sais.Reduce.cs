using System.Runtime.CompilerServices;

namespace Lode.SuffixArrays;

internal static partial class Sais
{
    /// <summary>
    /// Names the LMS substrings, sorted in <c>sa[0..m)</c>, with their ranks (equal substrings share a name), and
    /// leaves the reduced string, the names in text order, in <c>sa[n-m..n)</c>.
    /// </summary>
    /// <remarks>
    /// The length of every LMS substring is stored first in the slot of its position, so that most neighbours
    /// differ by length alone and equal lengths need only a symbol comparison (equal symbols imply equal types,
    /// both substrings ending in an S-type symbol).
    /// </remarks>
    /// <returns>The number of distinct names.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NameLmsSubstrings<TText>(TText text, Span<int> sa, int m)
        where TText : ISaisText, allows ref struct
    {
        int n = text.Length;
        // LMS positions are at least two apart, so p/2 gives each a distinct slot in sa[m..n).
        Span<int> slots = sa[m..];
        slots.Clear();
        var lengths = new LmsLengths(slots);
        SuffixTypes.ForEachLms(text, ref lengths);

        int name = 0;
        int previous = 0;
        int previousLength = 0;
        for (int i = 0; i < m; i++)
        {
            int ahead = sa[Math.Min(i + PrefetchDistance, m - 1)];
            text.Prefetch(ahead);
            CacheHints.Prefetch(ref slots[ahead >> 1]);
            int p = sa[i];
            ref int slot = ref slots[p >> 1];
            int length = slot;
            if (length != previousLength || length == LmsLengths.RunsIntoSentinel || !text.RangeEquals(previous, p, length))
            {
                name++;
            }
            slot = name;
            previous = p;
            previousLength = length;
        }

        // Names were stored 1-based, so that 0 marks the slots of non-LMS positions. Without a branch: every
        // slot read writes to j − 1 ≥ i, a slot read already, and j moves on only past a name.
        int j = n;
        for (int i = n - 1; i >= m; i--)
        {
            int value = sa[i];
            sa[j - 1] = value - 1;
            j -= value != 0 ? 1 : 0;
        }
        return name;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InduceFromSortedLms<TText>(TText text, Span<int> sa, int m, Buckets buckets)
        where TText : ISaisText, allows ref struct
    {
        int n = text.Length;
        var positions = new LmsPositions(sa[(n - m)..]);
        SuffixTypes.ForEachLms(text, ref positions);
        Span<int> lmsPositions = sa[(n - m)..];
        for (int i = 0; i < m; i++)
        {
            CacheHints.Prefetch(ref lmsPositions[sa[Math.Min(i + PrefetchDistance, m - 1)]]);
            sa[i] = lmsPositions[sa[i]];
        }
        sa[m..].Clear();

        // The i-th smallest LMS suffix belongs at index >= i, so a right-to-left pass never overwrites one it
        // has yet to move.
        Span<int> tails = buckets.Tails(text);
        for (int i = m - 1; i >= 0; i--)
        {
            text.Prefetch(sa[Math.Max(i - PrefetchDistance, 0)]);
            int p = sa[i];
            sa[i] = 0;
            sa[--tails[text[p]]] = p;
        }
        Induce<TText, FinalStage>(text, sa, buckets);
    }

    /// <summary>Writes the length of every LMS substring (up to and including the next LMS symbol) into the slot p/2 of its position p.</summary>
    private ref struct LmsLengths(Span<int> slots) : ILmsVisitor
    {
        /// <summary>The length recorded for the last LMS substring, which runs into the implicit sentinel and so equals no other (real lengths are at least 3).</summary>
        public const int RunsIntoSentinel = 1;

        private readonly Span<int> _slots = slots;
        private int _next = -1;

        public void Visit(int position, int symbol)
        {
            _slots[position >> 1] = _next < 0 ? RunsIntoSentinel : _next - position + 1;
            _next = position;
        }
    }

    /// <summary>Lists the LMS positions in text order into a span of exactly m ints, filling it from the end.</summary>
    private ref struct LmsPositions(Span<int> target) : ILmsVisitor
    {
        private readonly Span<int> _target = target;
        private int _next = target.Length;

        public void Visit(int position, int symbol) => _target[--_next] = position;
    }
}
