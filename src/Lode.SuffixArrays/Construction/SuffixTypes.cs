namespace Lode.SuffixArrays;

/// <summary>
/// The S/L type of every suffix of a string, one bit per suffix (1 = S-type), as defined by SA-IS: suffix i
/// is S-type when it is lexicographically smaller than suffix i+1, L-type when larger. The last suffix is
/// L-type, because the implicit sentinel after it is smaller than every symbol.
/// </summary>
/// <remarks>
/// The bit words are rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> by the caller, who returns
/// them; the struct only borrows them. Not thread-safe to classify; read-only afterwards.
/// </remarks>
internal readonly struct SuffixTypes
{
    private readonly ulong[] _words;

    private SuffixTypes(ulong[] words) => _words = words;

    /// <summary>The number of 64-bit words needed for <paramref name="length"/> suffixes.</summary>
    public static int WordCount(int length) => (int)(((uint)length + 63u) >> 6);

    /// <summary>
    /// Classifies every suffix of <paramref name="text"/> into <paramref name="words"/> (at least
    /// <see cref="WordCount"/> words; extra words are ignored) in one right-to-left scan.
    /// </summary>
    public static SuffixTypes Classify<TText>(TText text, ulong[] words)
        where TText : ISaisText, allows ref struct
    {
        int n = text.Length;
        Array.Clear(words, 0, WordCount(n));
        bool nextIsS = false;
        int next = n > 0 ? text[n - 1] : 0;
        for (int i = n - 2; i >= 0; i--)
        {
            int current = text[i];
            bool isS = current < next || (current == next && nextIsS);
            if (isS)
            {
                words[i >> 6] |= 1UL << i;
            }
            nextIsS = isS;
            next = current;
        }
        return new SuffixTypes(words);
    }

    /// <summary>Whether suffix <paramref name="i"/> is S-type.</summary>
    public bool IsS(int i) => (_words[i >> 6] & (1UL << i)) != 0;

    /// <summary>
    /// Whether suffix <paramref name="i"/> is a leftmost S-type (LMS) suffix: S-type with an L-type suffix just
    /// before it. Position 0 is never LMS.
    /// </summary>
    public bool IsLms(int i) => i > 0 && IsS(i) && !IsS(i - 1);
}
