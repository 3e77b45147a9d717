namespace Lode.SuffixArrays;

/// <summary>Which construction algorithm <see cref="SuffixArray.Build"/> runs.</summary>
public enum SuffixArrayAlgorithm
{
    /// <summary>
    /// CaPS-SA with a bounded context. In exact mode (no bounded context), SA-IS on fewer than 16 threads (where it is
    /// measured faster than CaPS-SA) and on texts under 4 KiB; otherwise CaPS-SA sorts
    /// on the first 256 bytes only, which caps the cost of long repeats, and the few suffixes that tie on those bytes
    /// are then put in exact order by prefix doubling (Larsson–Sadakane). A linear probe first estimates how many
    /// suffixes would tie: above 3% (text with many long repeats, such as /usr/include with its duplicated
    /// headers) SA-IS sorts instead, which is linear on any input and then faster.
    /// </summary>
    Auto,

    /// <summary>Always CaPS-SA with plain comparisons, parallel, whatever the cost on repetitive text (as the reference).</summary>
    CapsSa,

    /// <summary>Always SA-IS: single-threaded, linear time; exact order only (no bounded context).</summary>
    Sais,
}
