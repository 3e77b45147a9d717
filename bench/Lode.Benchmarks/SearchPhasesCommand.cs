using System.Diagnostics;

namespace Lode.Benchmarks;

/// <summary>
/// Times the phases of one <c>lode search</c> in process, cold (first query of a fresh repository handle) then warm:
/// opening, the index query with choosing candidate files (count, then locate or scan per shard), reading and matching
/// them; wall and CPU time (all threads) and bytes allocated of each. <c>--plan locate|scan</c> overrides the cost
/// model for every shard, to measure both sides of it.
/// </summary>
internal static class SearchPhasesCommand
{
    private static TimeSpan s_cpu;
    private static long s_allocated;

    public static int Run(string[] args)
    {
        var options = args.Length >= 2 ? CommandOptions.Parse(args[2..], "--snapshot", "--plan") : null;
        string plan = options?.Text("--plan", "model") ?? "";
        if (options is null || plan is not ("model" or "locate" or "scan"))
        {
            Console.Error.WriteLine("usage: search-phases REPO PATTERN [--snapshot latest] [--plan model|locate|scan]");
            return 2;
        }
        byte[] pattern = System.Text.Encoding.UTF8.GetBytes(args[1]);
        bool? scan = plan switch { "locate" => false, "scan" => true, _ => null };
        for (int round = 0; round < 2; round++)
        {
            var clock = Start();
            using var repository = Repository.Open(args[0]);
            using var view = repository.OpenSnapshot(options.Text("--snapshot", "latest"));
            _ = view.QueryIndex;
            Report(round, "open (manifest, index tables)", clock);
            var candidates = view.Candidates(new RepositorySearchPlan(pattern, scan));
            Report(round, $"index query and candidates ({candidates.Count} files, {candidates.Sum(c => c.Entry.Size) / 1e6:F1} MB, {candidates.Count(c => c.Offsets is null)} to scan)", clock);
            long lines = 0;
            Parallel.ForEach(candidates, c => Interlocked.Add(ref lines, view.MatchFile(c, pattern, long.MaxValue).Lines.Count));
            Report(round, $"read and match ({lines} lines)", clock);
        }
        return 0;
    }

    private static Stopwatch Start()
    {
        s_cpu = Process.GetCurrentProcess().TotalProcessorTime;
        s_allocated = GC.GetTotalAllocatedBytes();
        return Stopwatch.StartNew();
    }

    private static void Report(int round, string phase, Stopwatch clock)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes();
        Console.WriteLine($"{(round == 0 ? "cold" : "warm")} {clock.Elapsed.TotalMilliseconds,8:F1} ms wall {(cpu - s_cpu).TotalMilliseconds,8:F1} ms cpu {(allocated - s_allocated) / 1e6,7:F1} MB gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}  {phase}");
        s_cpu = cpu;
        s_allocated = allocated;
        clock.Restart();
    }
}
