using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Lode.Benchmarks.Metadata;

/// <summary>
/// Concurrent durable writers: threads each putting fresh keys <c>writer/NNNNNNNNNN</c> (64-byte values) into an engine
/// opened with <c>durable: true</c>, so every put is fsynced before it returns. Shared by the BenchmarkDotNet class and
/// the <c>metadata</c> command. One <see cref="Run"/> at a time; the threads it starts share the engine.
/// </summary>
public sealed class DurableWriters(IMetadataPeer peer)
{
    private long _next;

    /// <summary>
    /// Runs <paramref name="threads"/> writers until each made <paramref name="putsPerThread"/> puts or
    /// <paramref name="duration"/> passed (<see cref="Timeout.InfiniteTimeSpan"/>: no time limit). With
    /// <paramref name="latencies"/>, each put's latency in <see cref="Stopwatch"/> ticks is added to it.
    /// Returns the puts made and the wall time from start to the last writer's end.
    /// </summary>
    public (long Puts, TimeSpan Elapsed) Run(int threads, long putsPerThread, TimeSpan duration, List<long>? latencies = null)
    {
        long start = Stopwatch.GetTimestamp();
        long deadline = duration == Timeout.InfiniteTimeSpan ? long.MaxValue : start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var made = new long[threads];
        var sampled = new List<long>[threads];
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int slot = t;
            sampled[slot] = [];
            workers[slot] = new Thread(() => made[slot] = Write(putsPerThread, deadline, latencies is null ? null : sampled[slot]));
            workers[slot].Start();
        }
        foreach (Thread worker in workers)
        {
            worker.Join();
        }
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        latencies?.AddRange(sampled.SelectMany(l => l));
        return (made.Sum(), elapsed);
    }

    private long Write(long puts, long deadline, List<long>? latencies)
    {
        long made = 0;
        for (long now = Stopwatch.GetTimestamp(); made < puts && now < deadline; made++)
        {
            long n = Interlocked.Increment(ref _next);
            peer.Put(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"writer/{n:D10}")), MetadataWorkload.Value);
            long after = Stopwatch.GetTimestamp();
            latencies?.Add(after - now);
            now = after;
        }
        return made;
    }
}
