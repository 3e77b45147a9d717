namespace Lode.SuffixArrays;

/// <summary>Which construction algorithm <see cref="SuffixArray.Build"/> runs.</summary>
public enum SuffixArrayAlgorithm
{
    /// <summary>
    /// CaPS-SA on every real input; SA-IS for texts under 4 KiB, and instead of CaPS-SA when an exact (unbounded
    /// context) sort of very repetitive text scans more than a budget of text bytes (2048 per text byte, plus
    /// 256 MiB) — text made of long repeats, where merging rescans the repeats at every level.
    /// </summary>
    Auto,

    /// <summary>Always CaPS-SA, parallel, whatever the cost on repetitive text.</summary>
    CapsSa,

    /// <summary>Always SA-IS: single-threaded, linear time; exact order only (no bounded context).</summary>
    Sais,
}
