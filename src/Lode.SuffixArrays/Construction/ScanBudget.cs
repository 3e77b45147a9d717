namespace Lode.SuffixArrays;

/// <summary>
/// A limit on the text bytes that the LCP merges may scan in one construction, shared by all workers. The
/// merge sort is fast when suffixes differ early, but on long repeats without a bounded context every tie
/// rescans a long common prefix; when the limit is spent the construction is abandoned (with
/// <see cref="ScanBudgetExceededException"/>) so that the caller can switch to a linear-time algorithm.
/// </summary>
/// <remarks>Thread-safe: workers report through their own <see cref="ScanMeter"/> and settle in batches.</remarks>
internal sealed class ScanBudget
{
    /// <summary>No limit.</summary>
    public static readonly ScanBudget Unlimited = new(long.MaxValue);

    private long _remaining;

    /// <summary>Allows <paramref name="bytes"/> scanned text bytes in total.</summary>
    public ScanBudget(long bytes) => _remaining = bytes;

    /// <summary>Whether this budget never runs out.</summary>
    public bool IsUnlimited => ReferenceEquals(this, Unlimited);

    /// <summary>Takes <paramref name="bytes"/> from the budget; throws when it is spent.</summary>
    /// <exception cref="ScanBudgetExceededException">The budget is spent.</exception>
    public void Take(long bytes)
    {
        if (!IsUnlimited && Interlocked.Add(ref _remaining, -bytes) < 0)
        {
            throw new ScanBudgetExceededException();
        }
    }
}

/// <summary>One worker's running count of scanned bytes, settled with the shared <see cref="ScanBudget"/> every 4 MiB.</summary>
internal struct ScanMeter
{
    private const long SettleBytes = 4 << 20;

    private readonly ScanBudget _budget;
    private long _unsettled;

    /// <summary>Meters against <paramref name="budget"/>.</summary>
    public ScanMeter(ScanBudget budget)
    {
        _budget = budget;
        _unsettled = 0;
    }

    /// <summary>Records <paramref name="bytes"/> scanned.</summary>
    /// <exception cref="ScanBudgetExceededException">The shared budget is spent.</exception>
    public void Spend(long bytes)
    {
        _unsettled += bytes;
        if (_unsettled >= SettleBytes)
        {
            long settled = _unsettled;
            _unsettled = 0;
            _budget.Take(settled);
        }
    }
}

/// <summary>Thrown inside a construction whose <see cref="ScanBudget"/> is spent; never leaves the library.</summary>
internal sealed class ScanBudgetExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScanBudgetExceededException()
        : base("The suffix sort scanned more text than its budget allows; the text is too repetitive for it.")
    {
    }
}
