using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lode.SuffixArrays;

/// <summary>
/// The bucket pointers of SA-IS: for every symbol c, the next free slot at the head (or tail) of the range of
/// the suffix array that holds the suffixes starting with c.
/// </summary>
/// <remarks>
/// When the caller can spare memory for them, the symbol counts are kept between uses; otherwise
/// (<c>counts</c> empty) they are recounted from the text each time, trading one linear scan for
/// <c>4·alphabetSize</c> bytes. Both spans are borrowed from the caller.
/// </remarks>
internal readonly ref struct Buckets
{
    /// <summary>How many symbols ahead a count of a large alphabet prefetches the counter.</summary>
    private const int PrefetchDistance = 32;

    private readonly Span<int> _counts;
    private readonly Span<int> _pointers;

    /// <summary>
    /// Uses <paramref name="pointers"/> (exactly alphabet-size ints) for the pointers and, when not empty,
    /// <paramref name="counts"/> (the same length) to cache the symbol counts.
    /// </summary>
    public Buckets(Span<int> counts, Span<int> pointers)
    {
        _counts = counts;
        _pointers = pointers;
    }

    /// <summary>The number of symbols, one bucket each.</summary>
    public int AlphabetSize => _pointers.Length;

    /// <summary>
    /// Counts the symbols of <paramref name="text"/> into the cache, if there is one. Call before the first
    /// use and whenever the memory behind the cache may have been reused.
    /// </summary>
    public void Count<TText>(TText text)
        where TText : ISaisText, allows ref struct
    {
        if (!_counts.IsEmpty)
        {
            CountInto(text, _counts);
        }
    }

    /// <summary>Sets every pointer to the first slot of its bucket and returns the pointers.</summary>
    public Span<int> Heads<TText>(TText text)
        where TText : ISaisText, allows ref struct
    {
        ReadOnlySpan<int> counts = CurrentCounts(text);
        int sum = 0;
        for (int c = 0; c < _pointers.Length; c++)
        {
            int count = counts[c];
            _pointers[c] = sum;
            sum += count;
        }
        return _pointers;
    }

    /// <summary>Sets every pointer to one past the last slot of its bucket and returns the pointers.</summary>
    public Span<int> Tails<TText>(TText text)
        where TText : ISaisText, allows ref struct
    {
        ReadOnlySpan<int> counts = CurrentCounts(text);
        int sum = 0;
        for (int c = 0; c < _pointers.Length; c++)
        {
            sum += counts[c];
            _pointers[c] = sum;
        }
        return _pointers;
    }

    private ReadOnlySpan<int> CurrentCounts<TText>(TText text)
        where TText : ISaisText, allows ref struct
    {
        if (!_counts.IsEmpty)
        {
            return _counts;
        }
        CountInto(text, _pointers);
        return _pointers;
    }

    private static void CountInto<TText>(TText text, Span<int> counts)
        where TText : ISaisText, allows ref struct
    {
        counts.Clear();
        int n = text.Length;
        ref int first = ref MemoryMarshal.GetReference(counts);
        if (counts.Length <= Sais.LargeAlphabet)
        {
            for (int i = 0; i < n; i++)
            {
                Unsafe.Add(ref first, text[i])++;
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            // A histogram of random increments over more memory than the cache holds.
            CacheHints.Prefetch(ref Unsafe.Add(ref first, text[Math.Min(i + PrefetchDistance, n - 1)]));
            Unsafe.Add(ref first, text[i])++;
        }
    }
}
