namespace Lode.SuffixArrays;

/// <summary>
/// How a suffix array is built: workers, bounded context, LCP output, memory budget and working directory.
/// Immutable once built (init-only properties); share one instance freely.
/// </summary>
public sealed class SuffixArrayOptions
{
    private readonly int _threads = Environment.ProcessorCount;
    private readonly int? _boundedContext;
    private readonly long _memoryBudgetBytes = long.MaxValue;
    private readonly int? _subarrayCount;

    /// <summary>The defaults: all cores, exact order, no LCP file, no memory limit, the system temp directory.</summary>
    public static SuffixArrayOptions Default { get; } = new();

    /// <summary>Worker threads, at least 1; default <see cref="Environment.ProcessorCount"/>. The result does not depend on it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int Threads
    {
        get => _threads;
        init => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Threads), value, "Use at least one thread.");
    }

    /// <summary>
    /// The bounded context k in bytes (at least 1), or null for the exact suffix order (the default). With k,
    /// suffixes are ordered by their first k bytes only; suffixes whose first k bytes are equal (both at least k
    /// long) sort by descending position, the later one first. That is also the exact rule for a suffix that is a
    /// proper prefix of another, so the result equals the exact suffix array whenever no two suffixes share k
    /// bytes. It caps the cost of long repeats and is enough to find every pattern of at most k bytes; longer
    /// patterns must be verified against the text (<see cref="SuffixArraySearcher"/> does). LCP values are then
    /// min(LCP, k).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int? BoundedContext
    {
        get => _boundedContext;
        init => _boundedContext = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BoundedContext), value, "The bounded context is at least 1 byte; use null for the exact order.");
    }

    /// <summary>
    /// Whether <see cref="SuffixArrayFileBuilder"/> also writes the LCP array (LCP[i] = longest common prefix of the
    /// suffixes at SA[i − 1] and SA[i], LCP[0] = 0). In memory, call <see cref="SuffixArray.BuildWithLcp"/>
    /// instead; <see cref="SuffixArray.Build"/> ignores this flag.
    /// </summary>
    public bool ComputeLcp { get; init; }

    /// <summary>
    /// Bytes of memory the construction may use besides the text (default: unlimited). When the in-memory need
    /// (about 9 bytes per text byte for CaPS-SA) exceeds it, sorted runs and partitions spill to temporary files
    /// in <see cref="WorkingDirectory"/>, and peak memory stays near the text plus this budget (plus the suffix
    /// array itself when it is returned in memory).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1 MiB.</exception>
    public long MemoryBudgetBytes
    {
        get => _memoryBudgetBytes;
        init => _memoryBudgetBytes = value >= 1 << 20 ? value : throw new ArgumentOutOfRangeException(nameof(MemoryBudgetBytes), value, "Allow at least 1 MiB (1048576 bytes).");
    }

    /// <summary>Where temporary files go in external-memory mode; null for <see cref="Path.GetTempPath"/>. The files are unlinked as soon as they are created.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// CaPS-SA's p: the number of subarrays sorted independently, which is also the number of partitions merged
    /// independently. Null (the default) picks max(128, 8·threads) for texts of 64 KiB and more (at most one per
    /// KiB), and 1 below; in external memory, the fewest that fit the memory budget. Changes speed and scratch
    /// memory, never the result.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int? SubarrayCount
    {
        get => _subarrayCount;
        init => _subarrayCount = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SubarrayCount), value, "Use at least one subarray.");
    }

    /// <summary>The algorithm; default <see cref="SuffixArrayAlgorithm.Auto"/>.</summary>
    public SuffixArrayAlgorithm Algorithm { get; init; }

    /// <summary>The effective p for a text of <paramref name="length"/> bytes.</summary>
    internal int SubarraysFor(long length)
    {
        long p = _subarrayCount ?? (length < 1 << 16 ? 1 : Math.Min(Math.Max(128, 8L * _threads), length >> 10));
        return (int)Math.Clamp(p, 1, Math.Max(1, length));
    }
}
