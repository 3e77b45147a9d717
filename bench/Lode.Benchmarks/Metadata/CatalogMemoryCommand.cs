using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Lode.Metadata;

namespace Lode.Benchmarks.Metadata;

/// <summary>
/// <c>catalog-memory [--paths 1000000] [--sources /usr/include,/usr/share] [--dir DIR]</c> (issue 6): records that
/// many catalog paths the way <c>lode snapshot</c> does — the file table of a snapshot of the sources, written with
/// the engine's <see cref="CatalogTree.Write"/> under <c>tree/&lt;id&gt;/</c> into a store opened with the catalog's
/// own options, as many snapshots (distinct ids) as it takes — then reports the managed heap and RSS the
/// memory-resident tree holds, the log and checkpoint bytes on disk, and the time to reopen (recovery), before and
/// after a checkpoint. Prints a markdown table on stdout. The store lives in a fresh subdirectory of DIR, deleted after.
/// </summary>
internal static class CatalogMemoryCommand
{
    private const string Usage = "usage: catalog-memory [--paths N (default 1000000)] [--sources DIR,DIR (default /usr/include,/usr/share)] [--dir DIR (default temp)]";

    public static int Run(string[] args)
    {
        int paths;
        string[] sources;
        string root;
        try
        {
            var options = CommandOptions.Parse(args, "--paths", "--sources", "--dir") ?? throw new ArgumentException("unknown option");
            paths = options.Int("--paths", 1_000_000);
            sources = options.List("--sources", "/usr/include,/usr/share", s => s);
            root = Path.GetFullPath(options.Text("--dir", Path.GetTempPath()));
            ArgumentOutOfRangeException.ThrowIfLessThan(paths, 1);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            Console.Error.WriteLine($"catalog-memory: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        int warnings = 0;
        FileTable template = CatalogTemplate.Build(sources, _ => warnings++);
        Console.Error.WriteLine($"catalog-memory: {template.Entries.Count} paths in {string.Join(", ", sources)} ({warnings} skipped); recording {paths}...");
        string directory = Path.Join(root, $"lode-catalog-memory-{Guid.NewGuid():N}");
        try
        {
            var rows = Measure(template, paths, directory);
            Print(template, sources, paths, rows);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return 0;
    }

    /// <summary>Each phase opens and closes the store in a method of its own, so a closed store is garbage when memory is measured.</summary>
    private static List<(string Name, string Value)> Measure(FileTable template, int paths, string directory)
    {
        var rows = new List<(string, string)>();
        var tables = Tables(template, paths);
        long keyBytes = tables.Sum(t => t.Table.Entries.Sum(e => (long)CatalogKeys.Entry(t.Id, e.Path).Length));
        long valueBytes = tables.Sum(t => t.Table.Entries.Sum(e => (long)CatalogValues.EncodeEntry(e).Length));
        rows.Add(("key + value bytes recorded", string.Create(CultureInfo.InvariantCulture, $"{keyBytes:N0} + {valueBytes:N0} ({(keyBytes + valueBytes) / (double)paths:F1} per path)")));
        Write(tables, paths, directory, rows);
        rows.Add(("on disk after closing: log / checkpoints", Disk(directory)));
        Reopen("reopen as the next command finds it", paths, directory, rows, checkpoint: true);
        rows.Add(("on disk after the checkpoint: log / checkpoints", Disk(directory)));
        Reopen("reopen after the checkpoint", paths, directory, rows, checkpoint: false);
        return rows;
    }

    private static void Write(List<(string Id, FileTable Table)> tables, int paths, string directory, List<(string, string)> rows)
    {
        var empty = Memory.Now();
        using var store = MetadataStore.Open(directory, SnapshotCatalog.StoreOptions);
        long start = Stopwatch.GetTimestamp();
        foreach (var (id, table) in tables)
        {
            CatalogTree.Write(store, id, table);
        }
        TimeSpan write = Stopwatch.GetElapsedTime(start);
        rows.Add(("write (CatalogTree.Write: atomic batches of about 1 MiB, Async)", string.Create(CultureInfo.InvariantCulture,
            $"{write.TotalSeconds:F2} s ({paths / write.TotalSeconds:N0} paths/s)")));
        rows.Add(Memory.Row("memory held by the open store after writing", empty, Memory.Now(), paths));
    }

    private static void Reopen(string name, int paths, string directory, List<(string, string)> rows, bool checkpoint)
    {
        var closed = Memory.Now();
        long start = Stopwatch.GetTimestamp();
        using var store = MetadataStore.Open(directory, SnapshotCatalog.StoreOptions);
        TimeSpan open = Stopwatch.GetElapsedTime(start);
        RecoveryReport recovery = store.Recovery;
        rows.Add((name, string.Create(CultureInfo.InvariantCulture,
            $"{open.TotalMilliseconds:N0} ms ({recovery.CheckpointKeys:N0} keys from the checkpoint, {recovery.ReplayedRecords:N0} log records replayed)")));
        rows.Add(Memory.Row("memory held by the reopened store", closed, Memory.Now(), paths));
        if (store.Stats.Keys != paths)
        {
            throw new InvalidOperationException($"The reopened catalog holds {store.Stats.Keys} keys, not {paths}.");
        }
        if (checkpoint)
        {
            start = Stopwatch.GetTimestamp();
            store.Checkpoint();
            rows.Add(("explicit checkpoint (as `lode catalog rebuild` ends)", string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(start).TotalSeconds:F2} s")));
        }
    }

    /// <summary>As many snapshots of <paramref name="template"/> as make <paramref name="paths"/> paths, the last cut short; ids as random as real ones.</summary>
    private static List<(string Id, FileTable Table)> Tables(FileTable template, int paths)
    {
        var tables = new List<(string, FileTable)>();
        for (int recorded = 0, n = 0; recorded < paths; n++)
        {
            string id = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(n)))[..32];
            int count = Math.Min(template.Entries.Count, paths - recorded);
            tables.Add((id, count == template.Entries.Count ? template : CatalogTemplate.Prefix(template, count)));
            recorded += count;
        }
        return tables;
    }

    private static string Disk(string directory)
    {
        long Bytes(string pattern) => new DirectoryInfo(directory).EnumerateFiles(pattern).Sum(f => f.Length);
        return string.Create(CultureInfo.InvariantCulture, $"{Bytes("wal-*.log") / 1e6:F1} MB / {Bytes("*.ckpt") / 1e6:F1} MB");
    }

    private static void Print(FileTable template, string[] sources, int paths, List<(string Name, string Value)> rows)
    {
        int snapshots = (paths + template.Entries.Count - 1) / template.Entries.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Catalog of {paths:N0} paths: {snapshots} snapshot{(snapshots == 1 ? "" : "s")} of the {template.Entries.Count:N0} paths of {string.Join(" and ", sources)}, {DateTime.UtcNow:yyyy-MM-dd} UTC, {Environment.ProcessorCount} cores:"));
        Console.WriteLine();
        Console.WriteLine("| measurement | value |");
        Console.WriteLine("|---|---|");
        foreach (var (name, value) in rows)
        {
            Console.WriteLine($"| {name} | {value} |");
        }
        Console.WriteLine();
        Console.WriteLine("Memory: growth of the managed heap after a full compacting collection (GC.GetTotalMemory(true)), and of the process's resident set (RSS), over the state before the store was opened (or after the previous one was closed); the heap includes the store's fixed 8 MiB log ring. RSS growth is a floor: pages the runtime kept from earlier phases are reused.");
    }

    /// <summary>The managed heap after a full collection, and the resident set, in bytes.</summary>
    private readonly record struct Memory(long Heap, long Rss)
    {
        public static Memory Now()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            long heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return new Memory(heap, process.WorkingSet64);
        }

        public static (string, string) Row(string name, Memory before, Memory after, int paths) => (name, string.Create(CultureInfo.InvariantCulture,
            $"heap +{(after.Heap - before.Heap) / 1e6:F1} MB ({(after.Heap - before.Heap) / (double)paths:F0} bytes per path); RSS +{(after.Rss - before.Rss) / 1e6:F1} MB ({(after.Rss - before.Rss) / (double)paths:F0} per path), {after.Rss / 1e6:F0} MB in all"));
    }
}
