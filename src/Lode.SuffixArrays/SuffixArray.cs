namespace Lode.SuffixArrays;

/// <summary>Builds suffix arrays of byte strings.</summary>
public static class SuffixArray
{
    /// <summary>
    /// Builds the suffix array of <paramref name="text"/>: the start positions of all its suffixes in unsigned
    /// lexicographic order, where a suffix that is a proper prefix of another sorts first (an implicit
    /// sentinel; the same order libdivsufsort produces). Any byte value 0–255 may occur.
    /// </summary>
    /// <param name="text">The text, at most <see cref="int.MaxValue"/> bytes. Only read; not retained.</param>
    /// <returns>A new array of <c>text.Length</c> distinct positions in [0, <c>text.Length</c>), owned by the caller.</returns>
    /// <remarks>
    /// <para>Algorithm: SA-IS (Nong, Zhang, Chan, "Two Efficient Algorithms for Linear Time Suffix Array
    /// Construction", IEEE Transactions on Computers 60(10), 2011), linear time on any input, including very
    /// repetitive text (one byte repeated, a file repeated many times).</para>
    /// <para>Memory for n bytes of text: the 4n-byte result plus working space of at most ⌈n/64⌉·8 bytes of type
    /// bitmap per recursion level (less than n/4 bytes over all levels, rented from the shared array pool)
    /// and 2 KiB of stack; the reduced strings and their buckets live inside the result array, except when
    /// the reduced alphabet of K names does not fit beside them, when 4K more bytes are rented (K &lt; n/2).
    /// No allocation per suffix.</para>
    /// <para>Thread-safe: concurrent calls share nothing. Single-threaded.</para>
    /// </remarks>
    public static int[] Build(ReadOnlySpan<byte> text)
    {
        int[] sa = text.IsEmpty ? [] : GC.AllocateUninitializedArray<int>(text.Length);
        Sais.Build(new ByteText(text), sa, 256, []);
        return sa;
    }
}
