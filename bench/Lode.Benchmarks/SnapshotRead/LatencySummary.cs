using System.Diagnostics;

namespace Lode.Benchmarks.SnapshotRead;

/// <summary>Percentiles of a set of single-read latencies, in µs (nearest-rank).</summary>
internal readonly record struct LatencySummary(double P50, double P90, double P99, double Max, int Count)
{
    /// <summary>Summarises latencies measured in <see cref="Stopwatch"/> ticks.</summary>
    public static LatencySummary FromTicks(IReadOnlyCollection<long> ticks)
    {
        var sorted = ticks.Order().ToArray();
        double us = 1e6 / Stopwatch.Frequency;
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)] * us;
        return new LatencySummary(At(0.50), At(0.90), At(0.99), sorted[^1] * us, sorted.Length);
    }
}
