using System.Diagnostics;
using Lode.IO;

namespace Lode.IO.Tests;

public sealed class FileStatusTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-stat-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reports_kind_size_mode_and_mtime_of_a_regular_file()
    {
        string path = Path.Combine(_dir, "f");
        File.WriteAllBytes(path, new byte[1234]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var mtime = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);
        File.SetLastWriteTimeUtc(path, mtime);
        var status = FileStatus.Get(path);
        Assert.Equal(FileStatusKind.Regular, status.Kind);
        Assert.Equal(1234, status.Size);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, status.Mode);
        Assert.Equal((mtime - DateTime.UnixEpoch).Ticks * 100, status.ModifiedTimeNs);
        Assert.NotEqual(0UL, status.Inode);
    }

    [Fact]
    public void Does_not_follow_symlinks_and_sees_directories_and_fifos()
    {
        string link = Path.Combine(_dir, "link");
        File.CreateSymbolicLink(link, "/nonexistent/target");
        Assert.Equal(FileStatusKind.Symlink, FileStatus.Get(link).Kind);
        Assert.Equal(FileStatusKind.Directory, FileStatus.Get(_dir).Kind);
        string fifo = Path.Combine(_dir, "fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        Assert.Equal(FileStatusKind.Special, FileStatus.Get(fifo).Kind);
    }

    [Fact]
    public void Missing_path_is_file_not_found()
    {
        var e = Assert.Throws<FileNotFoundException>(() => FileStatus.Get(Path.Combine(_dir, "missing")));
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_change_time_owner_and_allocation()
    {
        string path = Path.Combine(_dir, "f");
        using (var stream = File.Create(path))
        {
            stream.SetLength(1 << 20); // a hole: nothing allocated
        }
        var before = FileStatus.Get(path);
        Assert.True(before.ChangedTimeNs > 0);
        Assert.True(before.AllocatedBytes < before.Size);
        FileOwnership.Set(path, before.UserId, before.GroupId); // giving a file to its own owner is always allowed
        File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch);
        var after = FileStatus.Get(path);
        Assert.Equal(0, after.ModifiedTimeNs);
        Assert.True(after.ChangedTimeNs >= before.ChangedTimeNs, "setting the mtime back does not set the ctime back");
        Assert.Equal((before.UserId, before.GroupId), (after.UserId, after.GroupId));
    }

    [Fact]
    public void Accounts_map_ids_and_names_both_ways()
    {
        Assert.Equal("root", Accounts.UserName(0));
        Assert.Equal("root", Accounts.GroupName(0));
        Assert.Equal(0u, Accounts.UserId("root"));
        Assert.Equal(0u, Accounts.GroupId("root"));
        Assert.Null(Accounts.UserId("no-such-user-of-lode"));
        Assert.Null(Accounts.GroupName(4_000_000_000));
    }

    [Fact]
    public void Changing_the_owner_of_a_missing_path_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => FileOwnership.Set(Path.Combine(_dir, "missing"), 0, 0));
    }
}
