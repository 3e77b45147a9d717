using BenchmarkDotNet.Running;
using Lode.Benchmarks.ReadAhead;

// dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*'        (BenchmarkDotNet micro-benchmarks)
// dotnet run -c Release --project bench/Lode.Benchmarks -- readahead [...]     (specs/read-ahead.md, one run)
// dotnet run -c Release --project bench/Lode.Benchmarks -- evict PATH...       (drop files from the page cache)
return args switch
{
    ["readahead", .. var rest] => ReadAheadBenchmark.Run(rest),
    ["evict", .. var paths] => EvictCommand.Run(paths),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Lode.Benchmarks.Corpus).Assembly).Run(args);
    return 0;
}
