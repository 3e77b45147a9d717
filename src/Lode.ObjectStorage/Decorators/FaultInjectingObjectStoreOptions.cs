namespace Lode.ObjectStorage;

/// <summary>What a <see cref="FaultInjectingObjectStore"/> injects. Rates are probabilities per request, 0 to 1.</summary>
public sealed record FaultInjectingObjectStoreOptions
{
    /// <summary>The seed of the fault sequence: one seed, one sequence of decisions (for one order of calls).</summary>
    public int Seed { get; init; }

    /// <summary>How often a request fails with <see cref="ObjectStoreTransientException"/> before reaching the inner store.</summary>
    public double ErrorRate { get; init; }

    /// <summary>
    /// How often a request hangs for <see cref="TimeoutDelay"/> and then fails with
    /// <see cref="ObjectStoreTransientException"/> (a timeout), before reaching the inner store.
    /// </summary>
    public double TimeoutRate { get; init; }

    /// <summary>How long an injected timeout hangs. Default 50 ms.</summary>
    public TimeSpan TimeoutDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How often a non-empty get, range get or reader read returns fewer bytes than asked (a truncated body that
    /// a broken store failed to notice): the contract breach a cache in front must detect.
    /// </summary>
    public double TruncateRate { get; init; }

    /// <summary>Latency added to every request: a uniformly random time in <c>[0, MaxLatency]</c>. Default none.</summary>
    public TimeSpan MaxLatency { get; init; }

    /// <summary>Checks the rates and times.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is outside [0, 1] or a time negative.</exception>
    internal void Validate()
    {
        foreach (var (rate, name) in new[] { (ErrorRate, nameof(ErrorRate)), (TimeoutRate, nameof(TimeoutRate)), (TruncateRate, nameof(TruncateRate)) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                throw new ArgumentOutOfRangeException(name, rate, "A rate is a probability between 0 and 1.");
            }
        }
        ArgumentOutOfRangeException.ThrowIfNegative(TimeoutDelay.Ticks, nameof(TimeoutDelay));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxLatency.Ticks, nameof(MaxLatency));
    }
}
