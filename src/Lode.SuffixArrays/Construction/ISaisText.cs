global using ByteText = Lode.SuffixArrays.SaisText<byte>;
global using IntText = Lode.SuffixArrays.SaisText<int>;

namespace Lode.SuffixArrays;

/// <summary>
/// Read access to the string that SA-IS sorts: the input bytes at the top level (<c>ByteText</c>, alphabet
/// size 256), the reduced string of LMS-substring names at every deeper level (<c>IntText</c>). Implemented by
/// <see cref="SaisText{T}"/>, a ref struct over a span, so that the generic SA-IS core is specialised by the JIT
/// for each text kind, without boxing or virtual calls.
/// </summary>
/// <remarks>
/// The indexer is unchecked (only a debug assertion guards it): SA-IS derives every index from the text itself,
/// and bounds checks in its scans cost a large share of its time. Callers must stay within [0, <see cref="Length"/>).
/// </remarks>
internal interface ISaisText
{
    /// <summary>The number of symbols.</summary>
    int Length { get; }

    /// <summary>The symbol at <paramref name="index"/> (unchecked; 0 ≤ index &lt; Length), in [0, alphabet size).</summary>
    int this[int index] { get; }

    /// <summary>Whether the <paramref name="length"/> symbols from <paramref name="a"/> and from <paramref name="b"/> are equal (both ranges inside the text; checked).</summary>
    bool RangeEquals(int a, int b, int length);

    /// <summary>
    /// Compares the 64 symbols from <paramref name="start"/> each with the one after it (so 65 symbols are read,
    /// all inside the text; checked only by a debug assertion): bit k of <c>Less</c> is set when
    /// text[start + k] &lt; text[start + k + 1], bit k of <c>Equal</c> when they are equal.
    /// </summary>
    (ulong Less, ulong Equal) CompareWithNext(int start);

    /// <summary>
    /// Hints the processor to fetch the symbol at <paramref name="index"/> into the cache. Any index is allowed:
    /// a prefetch never faults and never reads for the program.
    /// </summary>
    void Prefetch(int index);
}
