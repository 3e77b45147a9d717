namespace Lode.SuffixArrays;

/// <summary>Which construction algorithm <see cref="SuffixArray.Build"/> runs.</summary>
public enum SuffixArrayAlgorithm
{
    /// <summary>
    /// CaPS-SA on every real input, SA-IS on texts under 4 KiB. In exact mode (no bounded context) CaPS-SA sorts on
    /// the first 256 bytes only, which caps the cost of long repeats, and the suffixes that tie on those bytes are
    /// then put in exact order by prefix doubling (Larsson–Sadakane) — or, when more than a quarter of them tie
    /// (text made mostly of long repeats), the whole array is rebuilt by SA-IS, which is linear on any input.
    /// </summary>
    Auto,

    /// <summary>Always CaPS-SA with plain comparisons, parallel, whatever the cost on repetitive text (as the reference).</summary>
    CapsSa,

    /// <summary>Always SA-IS: single-threaded, linear time; exact order only (no bounded context).</summary>
    Sais,
}
