using System.Diagnostics;
using Lode.Benchmarks.SnapshotRead;

namespace Lode.Benchmarks.Metadata;

/// <summary>How long to warm up and measure one workload, and in how many rounds.</summary>
internal sealed record TimingPlan(TimeSpan Warmup, TimeSpan Measure, int Rounds);

/// <summary>
/// One workload's time per operation: <see cref="MedianNs"/>, the median over rounds of each round's mean (no timer
/// inside a round but for the samples); <see cref="P99Ns"/>, the 99th percentile of single operations sampled one in
/// <see cref="WorkloadTimer.SampleEvery"/> (each sample includes one timer read).
/// </summary>
internal readonly record struct OperationTiming(double MedianNs, double P99Ns, long Operations);

/// <summary>Times a workload: a warmup that also sizes the rounds, then rounds of equal operation counts.</summary>
internal static class WorkloadTimer
{
    /// <summary>One operation in this many is timed on its own for the p99.</summary>
    public const int SampleEvery = 16;

    /// <summary>
    /// Warms <paramref name="operation"/> up for <see cref="TimingPlan.Warmup"/> (at least 64 operations), sizes each
    /// round from the warmup's rate so that the rounds take about <see cref="TimingPlan.Measure"/>, runs them, and
    /// leaves the engine with the loaded keys (<see cref="MetadataWorkload.Restore"/>).
    /// </summary>
    public static OperationTiming Measure(MetadataWorkload workload, MetadataOperation operation, TimingPlan plan)
    {
        long checksum = 0;
        long warmed = 0;
        long start = Stopwatch.GetTimestamp();
        do
        {
            checksum += workload.Run(operation, 64);
            warmed += 64;
        }
        while (Stopwatch.GetElapsedTime(start) < plan.Warmup);
        double rate = warmed / Stopwatch.GetElapsedTime(start).TotalSeconds;
        int perRound = (int)Math.Clamp(rate * plan.Measure.TotalSeconds / plan.Rounds, SampleEvery, int.MaxValue / 2);

        var roundNs = new double[plan.Rounds];
        var samples = new List<long>((int)Math.Min((long)perRound * plan.Rounds / SampleEvery + plan.Rounds, 1 << 24));
        for (int round = 0; round < plan.Rounds; round++)
        {
            long roundStart = Stopwatch.GetTimestamp();
            for (int i = 0; i < perRound; i++)
            {
                if (i % SampleEvery == 0)
                {
                    long before = Stopwatch.GetTimestamp();
                    checksum += workload.Once(operation);
                    samples.Add(Stopwatch.GetTimestamp() - before);
                }
                else
                {
                    checksum += workload.Once(operation);
                }
            }
            roundNs[round] = Stopwatch.GetElapsedTime(roundStart).TotalNanoseconds / perRound;
        }
        workload.Restore();
        GC.KeepAlive(checksum);
        Array.Sort(roundNs);
        double median = (roundNs[(plan.Rounds - 1) / 2] + roundNs[plan.Rounds / 2]) / 2;
        return new OperationTiming(median, LatencySummary.FromTicks(samples).P99 * 1000, (long)perRound * plan.Rounds);
    }

    /// <summary>The cost of one <see cref="Stopwatch.GetTimestamp"/>, ns (what each p99 sample carries on top).</summary>
    public static double TimerCostNs()
    {
        const int Reads = 1_000_000;
        long start = Stopwatch.GetTimestamp();
        long sink = 0;
        for (int i = 0; i < Reads; i++)
        {
            sink ^= Stopwatch.GetTimestamp();
        }
        GC.KeepAlive(sink);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / Reads;
    }
}
