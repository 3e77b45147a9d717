using System.Diagnostics;
using System.Globalization;

namespace Lode.Benchmarks.SnapshotRead;

/// <summary>
/// <c>snapshot-read --source DIR --dir WORKDIR [--reads N] [--cold-reads N] [--seed S]</c> (issue 4): snapshots DIR
/// into a new repository in WORKDIR/repo with the engine (as <c>lode snapshot</c>), then measures random 4 KiB read
/// latency (p50/p90/p99/max, µs) warm and cold and sequential read throughput (MB/s) warm and cold, through the
/// snapshot and, as the baseline, on the original files; prints a markdown table for docs/benchmarks.md.
/// Cold reads drop files from the page cache (<c>POSIX_FADV_DONTNEED</c>), which needs nothing but read access.
/// </summary>
internal static class SnapshotReadCommand
{
    private const string Usage = "usage: snapshot-read --source DIR --dir WORKDIR [--reads N (default 2000)] [--cold-reads N (default 200)] [--seed S (default 42)]";

    public static int Run(string[] args)
    {
        if (!TryParse(args, out var options))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        string source = Path.GetFullPath(options["--source"]);
        string repositoryPath = Path.Join(Path.GetFullPath(options["--dir"]), "repo");
        if (Directory.Exists(repositoryPath))
        {
            Console.Error.WriteLine($"snapshot-read: {repositoryPath} exists; give a new or empty --dir.");
            return 2;
        }
        int reads = int.Parse(options.GetValueOrDefault("--reads", "2000"), CultureInfo.InvariantCulture);
        int coldReads = Math.Min(reads, int.Parse(options.GetValueOrDefault("--cold-reads", "200"), CultureInfo.InvariantCulture));
        int seed = int.Parse(options.GetValueOrDefault("--seed", "42"), CultureInfo.InvariantCulture);

        var clock = Stopwatch.StartNew();
        SnapshotResult snapshot;
        using (var repository = Repository.Init(repositoryPath))
        {
            snapshot = repository.CreateSnapshot(source);
        }
        Console.Error.WriteLine($"snapshot {snapshot.Manifest.ShortId} of {source} in {clock.Elapsed.TotalSeconds:F1} s; measuring...");
        ReadSample sample;
        using (var repository = Repository.Open(repositoryPath))
        using (var view = repository.OpenSnapshot(snapshot.Manifest.Id))
        {
            sample = ReadSample.Draw(view.Files, reads, seed);
        }
        var measure = new ReadMeasurements(repositoryPath, snapshot.Manifest.Id, sample) { SourceRoot = source };
        var rows = new[]
        {
            Row.Latency($"random 4 KiB read, warm ({reads} reads): p50 / p90 / p99 / max µs", measure.SnapshotRandomWarm(), measure.DiskRandomWarm()),
            Row.Latency($"random 4 KiB read, cold ({coldReads} reads): p50 / p90 / p99 / max µs", measure.SnapshotRandomCold(coldReads), measure.DiskRandomCold(coldReads)),
            Row.Throughput("sequential read of every file, warm: MB/s", sample.TotalBytes, measure.SnapshotSequentialWarm(), measure.DiskSequentialWarm()),
            Row.Throughput("sequential read of every file, cold: MB/s", sample.TotalBytes, measure.SnapshotSequentialCold(), measure.DiskSequentialCold()),
        };
        Print(source, snapshot, sample, seed, rows);
        return 0;
    }

    private static void Print(string source, SnapshotResult snapshot, ReadSample sample, int seed, Row[] rows)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"Reads of a snapshot of `{source}` ({sample.Files.Length} files, {sample.TotalBytes / 1e6:F1} MB; container {snapshot.BytesStored / 1e6:F1} MB with the search index), seed {seed}, {Environment.ProcessorCount} cores:"));
        Console.WriteLine();
        Console.WriteLine("| measurement | Lode snapshot | files on disk | snapshot / disk |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Name} | {row.Snapshot} | {row.Disk} | {row.Ratio} |");
        }
        Console.WriteLine();
        Console.WriteLine("Cold: the repository (or each original file) dropped from the page cache first, and a new Repository and SnapshotView (empty caches) per read or pass, opened outside the timing. Ratios: latency p50 and p99; throughput.");
    }

    private static bool TryParse(string[] args, out Dictionary<string, string> options)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--source", "--dir", "--reads", "--cold-reads", "--seed"];
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!known.Contains(args[i]))
            {
                return false;
            }
            options[args[i]] = args[i + 1];
        }
        return args.Length % 2 == 0 && options.ContainsKey("--source") && options.ContainsKey("--dir");
    }

    /// <summary>One line of the table, formatted.</summary>
    private sealed record Row(string Name, string Snapshot, string Disk, string Ratio)
    {
        public static Row Latency(string name, LatencySummary snapshot, LatencySummary disk) => new(name, Format(snapshot), Format(disk),
            string.Create(CultureInfo.InvariantCulture, $"{snapshot.P50 / disk.P50:F1}× / {snapshot.P99 / disk.P99:F1}×"));

        public static Row Throughput(string name, long bytes, double snapshotSeconds, double diskSeconds) => new(name,
            string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6 / snapshotSeconds:F0}"),
            string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6 / diskSeconds:F0}"),
            string.Create(CultureInfo.InvariantCulture, $"{diskSeconds / snapshotSeconds:F2}×"));

        private static string Format(LatencySummary s) =>
            string.Create(CultureInfo.InvariantCulture, $"{s.P50:F0} / {s.P90:F0} / {s.P99:F0} / {s.Max:F0}");
    }
}
