using System.Diagnostics;
using Lode.IO;

namespace Lode.Benchmarks.SnapshotRead;

/// <summary>
/// The measurements of <c>snapshot-read</c>, through the engine's read path (<see cref="SnapshotView.ReadFile"/>, as
/// <c>lode cat</c> with a range; <see cref="SnapshotView.CopyFile"/>, as <c>lode cat</c> of a whole file) and against
/// the original files (<see cref="RandomAccess"/> on a handle opened outside the timing; <see cref="FileStream"/>).
/// Cold means: the repository (or the original file) dropped from the page cache with <see cref="PageCache.Evict"/>
/// and, for the snapshot, a new <see cref="Repository"/> and <see cref="SnapshotView"/> (empty block caches), opened
/// outside the timing.
/// </summary>
internal sealed class ReadMeasurements(string repositoryPath, string snapshotId, ReadSample sample)
{
    private const int CopyBufferBytes = 1 << 20;

    /// <summary>Random 4 KiB reads through one view whose caches are warm: every file is read once first.</summary>
    public LatencySummary SnapshotRandomWarm()
    {
        using var repository = Repository.Open(repositoryPath);
        using var view = repository.OpenSnapshot(snapshotId);
        SnapshotSequential(view);
        var buffer = new byte[ReadSample.ReadBytes];
        return LatencySummary.FromTicks(sample.Reads.Select(read => Time(() => view.ReadFile(sample.Files[read.File], read.Offset, buffer))).ToArray());
    }

    /// <summary>Random 4 KiB reads, each from a new repository and view after the repository left the page cache.</summary>
    public LatencySummary SnapshotRandomCold(int count)
    {
        var buffer = new byte[ReadSample.ReadBytes];
        var ticks = new List<long>(count);
        foreach (var (file, offset) in sample.Reads.Take(count))
        {
            EvictTree(repositoryPath);
            using var repository = Repository.Open(repositoryPath);
            using var view = repository.OpenSnapshot(snapshotId);
            ticks.Add(Time(() => view.ReadFile(sample.Files[file], offset, buffer)));
        }
        return LatencySummary.FromTicks(ticks);
    }

    /// <summary>Every file copied out of the snapshot, in file-table order, after a first pass warmed every cache; seconds.</summary>
    public double SnapshotSequentialWarm()
    {
        using var repository = Repository.Open(repositoryPath);
        using var view = repository.OpenSnapshot(snapshotId);
        SnapshotSequential(view);
        return Seconds(() => SnapshotSequential(view));
    }

    /// <summary>Every file copied out of the snapshot from a new repository and view after the repository left the page cache; seconds.</summary>
    public double SnapshotSequentialCold()
    {
        EvictTree(repositoryPath);
        using var repository = Repository.Open(repositoryPath);
        using var view = repository.OpenSnapshot(snapshotId);
        return Seconds(() => SnapshotSequential(view));
    }

    /// <summary>Random 4 KiB reads of the original files, warm (every file read once first).</summary>
    public LatencySummary DiskRandomWarm()
    {
        DiskSequential();
        return DiskRandom(sample.Reads, evict: false);
    }

    /// <summary>Random 4 KiB reads of the original files, each file dropped from the page cache before its read.</summary>
    public LatencySummary DiskRandomCold(int count) => DiskRandom(sample.Reads.Take(count), evict: true);

    /// <summary>Every original file read with a <see cref="FileStream"/>, after a first pass; seconds.</summary>
    public double DiskSequentialWarm()
    {
        DiskSequential();
        return Seconds(DiskSequential);
    }

    /// <summary>Every original file read with a <see cref="FileStream"/> after all left the page cache; seconds.</summary>
    public double DiskSequentialCold()
    {
        foreach (var file in sample.Files)
        {
            PageCache.Evict(OriginalPath(file));
        }
        return Seconds(DiskSequential);
    }

    /// <summary>Where the original of a snapshot file is (set by the caller: the snapshotted directory).</summary>
    public required string SourceRoot { get; init; }

    private LatencySummary DiskRandom(IEnumerable<(int File, long Offset)> reads, bool evict)
    {
        var buffer = new byte[ReadSample.ReadBytes];
        var ticks = new List<long>();
        foreach (var (file, offset) in reads)
        {
            string path = OriginalPath(sample.Files[file]);
            if (evict)
            {
                PageCache.Evict(path);
            }
            using var handle = File.OpenHandle(path);
            ticks.Add(Time(() => RandomAccess.Read(handle, buffer, offset)));
        }
        return LatencySummary.FromTicks(ticks);
    }

    private void SnapshotSequential(SnapshotView view)
    {
        foreach (var file in sample.Files)
        {
            view.CopyFile(file, 0, file.Size, Stream.Null);
        }
    }

    private void DiskSequential()
    {
        var buffer = new byte[CopyBufferBytes];
        foreach (var file in sample.Files)
        {
            using var stream = new FileStream(OriginalPath(file), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            while (stream.Read(buffer) > 0)
            {
            }
        }
    }

    private string OriginalPath(FileEntry file) => Path.Join(SourceRoot, file.Path);

    private static void EvictTree(string root)
    {
        foreach (string file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            PageCache.Evict(file);
        }
    }

    private static long Time(Func<int> read)
    {
        long start = Stopwatch.GetTimestamp();
        int n = read();
        long ticks = Stopwatch.GetTimestamp() - start;
        return n > 0 ? ticks : throw new InvalidOperationException("A benchmark read returned no bytes.");
    }

    private static double Seconds(Action pass)
    {
        long start = Stopwatch.GetTimestamp();
        pass();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
