using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lode.SuffixArrays;

/// <summary>
/// The bucket pointers of SA-IS: for every symbol c, the next free slot at the head (or tail) of the range of
/// the suffix array that holds the suffixes starting with c.
/// </summary>
/// <remarks>
/// The symbol counts are kept between uses when the caller's count space holds them: as ints when it has one
/// int per symbol, else as bytes when it has one byte per symbol and no symbol occurs 256 times or more.
/// Otherwise they are recounted from the text each time, trading a scan of the text (random increments, for a
/// large alphabet) for the memory. All spans are borrowed from the caller. Count with <see cref="Count"/> on the
/// caller's own copy: copies made before it do not see the counts' state.
/// </remarks>
internal ref struct Buckets
{
    /// <summary>How many symbols ahead a count of a large alphabet prefetches the counter.</summary>
    private const int PrefetchDistance = 32;

    private readonly Span<int> _pointers;
    private readonly Span<int> _counts;
    private readonly Span<byte> _byteCounts;
    private bool _byteCountsValid;

    /// <summary>
    /// Uses <paramref name="pointers"/> (exactly alphabet-size ints) for the pointers and, as far as it goes,
    /// <paramref name="countSpace"/> (disjoint from them; may be empty) to keep the symbol counts.
    /// </summary>
    public Buckets(Span<int> pointers, Span<int> countSpace)
    {
        _pointers = pointers;
        int alphabetSize = pointers.Length;
        if (countSpace.Length >= alphabetSize)
        {
            _counts = countSpace[..alphabetSize];
        }
        else if (countSpace.Length * (long)sizeof(int) >= alphabetSize)
        {
            _byteCounts = MemoryMarshal.AsBytes(countSpace)[..alphabetSize];
        }
    }

    /// <summary>The number of symbols, one bucket each.</summary>
    public readonly int AlphabetSize => _pointers.Length;

    /// <summary>
    /// Counts the symbols of <paramref name="text"/> into the count space, if there is room. Call before the
    /// first use and whenever the count space may have been reused.
    /// </summary>
    public void Count<TText>(TText text)
        where TText : ISaisText, allows ref struct
    {
        if (!_counts.IsEmpty)
        {
            CountInto(text, _counts);
        }
        else if (!_byteCounts.IsEmpty)
        {
            _byteCountsValid = CountInto(text, _byteCounts);
        }
    }

    /// <summary>Sets every pointer to the first slot of its bucket and returns the pointers.</summary>
    public readonly Span<int> Heads<TText>(TText text)
        where TText : ISaisText, allows ref struct => SetPointers(text, tails: false);

    /// <summary>Sets every pointer to one past the last slot of its bucket and returns the pointers.</summary>
    public readonly Span<int> Tails<TText>(TText text)
        where TText : ISaisText, allows ref struct => SetPointers(text, tails: true);

    private readonly Span<int> SetPointers<TText>(TText text, bool tails)
        where TText : ISaisText, allows ref struct
    {
        if (!_counts.IsEmpty)
        {
            SumInto(_counts, _pointers, tails);
        }
        else if (_byteCountsValid)
        {
            SumInto<byte>(_byteCounts, _pointers, tails);
        }
        else
        {
            CountInto(text, _pointers);
            SumInto(_pointers, _pointers, tails);
        }
        return _pointers;
    }

    /// <summary>Prefix sums of <paramref name="counts"/> into <paramref name="pointers"/> (which may be the same memory).</summary>
    private static void SumInto<T>(ReadOnlySpan<T> counts, Span<int> pointers, bool tails)
        where T : unmanaged, IBinaryInteger<T>
    {
        int sum = 0;
        for (int c = 0; c < pointers.Length; c++)
        {
            int count = int.CreateTruncating(counts[c]);
            pointers[c] = tails ? sum + count : sum;
            sum += count;
        }
    }

    /// <summary>Counts the symbols into <paramref name="counts"/>; false if a counter wrapped around (bytes only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool CountInto<TText, T>(TText text, Span<T> counts)
        where TText : ISaisText, allows ref struct
        where T : unmanaged, IBinaryInteger<T>
    {
        counts.Clear();
        int n = text.Length;
        ref T first = ref MemoryMarshal.GetReference(counts);
        bool prefetch = counts.Length > Sais.LargeAlphabet;
        int wrapped = 0;
        for (int i = 0; i < n; i++)
        {
            if (prefetch)
            {
                // A histogram of random increments over more memory than the cache holds.
                CacheHints.Prefetch(ref Unsafe.Add(ref first, text[Math.Min(i + PrefetchDistance, n - 1)]));
            }
            ref T counter = ref Unsafe.Add(ref first, text[i]);
            counter++;
            wrapped |= T.IsZero(counter) ? 1 : 0;
        }
        return wrapped == 0;
    }
}
