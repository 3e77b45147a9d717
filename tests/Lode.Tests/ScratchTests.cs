using System.Text;

namespace Lode.Tests;

/// <summary>Temporary space of snapshots and index builds: encrypted at rest, and swept when its process died.</summary>
public sealed class ScratchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-scratch-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_scratch_file_reads_back_what_was_written_anywhere_and_holds_no_plaintext()
    {
        string path = Path.Combine(_dir, "scratch");
        var marker = Encoding.ASCII.GetBytes("a secret line of an encrypted repository\n");
        var data = new byte[300_000];
        for (int i = 0; i + marker.Length <= data.Length; i += marker.Length)
        {
            marker.CopyTo(data, i);
        }
        using (var scratch = new ScratchFile(path))
        {
            // Unaligned pieces, written out of order and from several threads.
            var pieces = new List<(int Offset, int Length)>();
            for (int offset = 0; offset < data.Length;)
            {
                int length = Math.Min(data.Length - offset, 1 + (int)(offset * 7919L % 70_000));
                pieces.Add((offset, length));
                offset += length;
            }
            Parallel.ForEach(pieces.OrderByDescending(p => p.Offset % 13), p => scratch.Write(data.AsSpan(p.Offset, p.Length), 5 + p.Offset));
            var raw = File.ReadAllBytes(path);
            Assert.Equal(5 + data.Length, raw.Length);
            Assert.Equal(-1, raw.AsSpan().IndexOf(marker.AsSpan(0, 16)));
            var random = new Random(4);
            for (int i = 0; i < 200; i++)
            {
                int length = random.Next(100_000);
                int offset = random.Next(data.Length - length + 1);
                var back = new byte[length];
                scratch.ReadExactly(back, 5 + offset);
                Assert.Equal(data.AsSpan(offset, length).ToArray(), back);
            }
            Assert.Throws<IOException>(() => scratch.ReadExactly(new byte[10], 5 + data.Length - 5));
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Sweeping_deletes_the_scratch_of_dead_processes_and_keeps_the_living()
    {
        using var living = ScratchDirectory.Create("lode-snapshot-");
        File.WriteAllText(Path.Combine(living.Path, "data"), "in use");
        // A dead process's directory: its lock file exists but nobody holds it.
        var dead = Directory.CreateTempSubdirectory("lode-snapshot-").FullName;
        File.WriteAllText(Path.Combine(dead, "lock"), "");
        File.WriteAllText(Path.Combine(dead, "index"), "left behind");
        // Without a lock file: an empty one died before making it; one with files is an older Lode's, abandoned when old.
        var empty = Directory.CreateTempSubdirectory("lode-snapshot-").FullName;
        var old = Directory.CreateTempSubdirectory("lode-index-").FullName;
        File.WriteAllText(Path.Combine(old, "scratch"), "x");
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));
        var young = Directory.CreateTempSubdirectory("lode-index-").FullName;
        File.WriteAllText(Path.Combine(young, "scratch"), "x");

        Assert.True(ScratchDirectory.SweepAbandoned() >= 3);

        Assert.True(File.Exists(Path.Combine(living.Path, "data")));
        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(empty));
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(young));
        Directory.Delete(young, recursive: true);
    }

    [Fact]
    public void A_scratch_directory_is_gone_after_dispose()
    {
        string path;
        using (var scratch = ScratchDirectory.Create("lode-index-"))
        {
            path = scratch.Path;
            File.WriteAllText(Path.Combine(path, "scratch"), "x");
        }
        Assert.False(Directory.Exists(path));
    }
}
