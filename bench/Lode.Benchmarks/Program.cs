using BenchmarkDotNet.Running;
using Lode.Benchmarks.Metadata;
using Lode.Benchmarks.ReadAhead;
using Lode.Benchmarks.SnapshotRead;

// dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*'        (BenchmarkDotNet micro-benchmarks)
// dotnet run -c Release --project bench/Lode.Benchmarks -- readahead [...]     (specs/read-ahead.md, one run)
// dotnet run -c Release --project bench/Lode.Benchmarks -- evict PATH...       (drop files from the page cache)
// dotnet run -c Release --project bench/Lode.Benchmarks -- snapshot-read --source DIR --dir WORKDIR [...]  (issue 4: snapshot read latency and throughput)
// dotnet run -c Release --project bench/Lode.Benchmarks -- metadata [--keys 20000,2000000] [--seconds 5] [...]   (issue 6: metadata store against SQLite, LMDB, RocksDB)
// dotnet run -c Release --project bench/Lode.Benchmarks -- catalog-memory [--paths 1000000] [--dir DIR]          (issue 6: memory and recovery of a catalog)
// dotnet run -c Release --project bench/Lode.Benchmarks -- fm-index DIR [--pieces 8,64] [--sample 64]       (FM-index size, build, count, locate)
// dotnet run -c Release --project bench/Lode.Benchmarks -- search-phases REPO PATTERN [--plan model|locate|scan]   (where one search spends its time)
return args switch
{
    ["fm-index", .. var rest] => Lode.Benchmarks.FmIndexBenchmark.Run(rest),
    ["search-phases", .. var rest] => Lode.Benchmarks.SearchPhasesCommand.Run(rest),
    ["readahead", .. var rest] => ReadAheadBenchmark.Run(rest),
    ["evict", .. var paths] => EvictCommand.Run(paths),
    ["snapshot-read", .. var rest] => SnapshotReadCommand.Run(rest),
    ["metadata", .. var rest] => MetadataCommand.Run(rest),
    ["catalog-memory", .. var rest] => CatalogMemoryCommand.Run(rest),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Lode.Benchmarks.Corpus).Assembly).Run(args);
    return 0;
}
