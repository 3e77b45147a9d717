using System.Text;
using Lode.IO;

namespace Lode.Tests;

/// <summary>What the next snapshot takes as unchanged, and files that change while they are read.</summary>
public sealed class ChangedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-changed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Tree => Path.Combine(_dir, "tree");

    private static string Cat(Repository repository, SnapshotManifest manifest, string path)
    {
        using var view = repository.OpenSnapshot(manifest);
        var copy = new MemoryStream();
        view.CopyFile(view.GetEntry(path), 0, long.MaxValue, copy);
        return Encoding.UTF8.GetString(copy.ToArray());
    }

    [Fact]
    public void A_file_rewritten_with_its_size_and_mtime_put_back_is_read_again()
    {
        Directory.CreateDirectory(Tree);
        string path = Path.Combine(Tree, "f");
        File.WriteAllText(path, "old contents\n");
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var first = repository.CreateSnapshot(Tree);
        var mtime = File.GetLastWriteTimeUtc(path);
        long recorded = FileStatus.Get(path).ChangedTimeNs;
        do
        {
            // The change time ticks with the kernel's clock: rewrite until it has moved.
            File.WriteAllText(path, "new contents\n");
            File.SetLastWriteTimeUtc(path, mtime);
        }
        while (FileStatus.Get(path).ChangedTimeNs == recorded);

        var second = repository.CreateSnapshot(Tree);

        Assert.Equal(0, second.Manifest.UnchangedFiles);
        Assert.Equal("old contents\n", Cat(repository, first.Manifest, "f"));
        Assert.Equal("new contents\n", Cat(repository, second.Manifest, "f"));
        var third = repository.CreateSnapshot(Tree);
        Assert.Equal(1, third.Manifest.UnchangedFiles);
    }

    [Fact]
    public async Task A_file_that_grows_while_it_is_read_is_stored_with_a_warning()
    {
        Directory.CreateDirectory(Tree);
        string path = Path.Combine(Tree, "log");
        var block = new byte[1 << 20];
        new Random(1).NextBytes(block);
        using (var stream = File.Create(path))
        {
            for (int i = 0; i < 32; i++)
            {
                stream.Write(block);
            }
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        using var stop = new CancellationTokenSource();
        long appended = 0;
        // Appends until the snapshot is done, so the file grows between the snapshot's look at it and its read's end.
        var writer = Task.Run(() =>
        {
            using var log = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            while (!stop.IsCancellationRequested)
            {
                log.Write("another line\n"u8);
                log.Flush();
                Interlocked.Increment(ref appended);
            }
        });
        SpinWait.SpinUntil(() => Interlocked.Read(ref appended) > 0);
        var warnings = new List<string>();

        SnapshotResult result;
        try
        {
            result = repository.CreateSnapshot(Tree, new SnapshotOptions { Warning = warnings.Add, Index = false });
        }
        finally
        {
            stop.Cancel();
            await writer;
        }

        Assert.Equal(1, result.Warnings);
        Assert.Contains("changed while it was read", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Equal(1, result.Manifest.Files);
        var next = repository.CreateSnapshot(Tree, new SnapshotOptions { Index = false });
        Assert.Equal(0, next.Manifest.UnchangedFiles);
        Assert.Equal(0, next.Warnings);
    }

    [Fact]
    public void A_tree_of_empty_files_snapshots_again_and_checks()
    {
        Directory.CreateDirectory(Tree);
        File.WriteAllBytes(Path.Combine(Tree, "a"), []);
        File.WriteAllBytes(Path.Combine(Tree, "b"), []);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        repository.CreateSnapshot(Tree);

        var second = repository.CreateSnapshot(Tree);

        Assert.Equal(2, second.Manifest.UnchangedFiles);
        using var view = repository.OpenSnapshot(second.Manifest);
        view.Check(readData: true);
        Assert.Equal("", Cat(repository, second.Manifest, "b"));
    }
}
