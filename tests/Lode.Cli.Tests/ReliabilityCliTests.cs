using Lode.Cli.Commands;

namespace Lode.Cli.Tests;

/// <summary>Command lines that used to fail badly: an empty --repo or path, setuid bits in listings, a restore with
/// an entry that cannot be restored.</summary>
public sealed class ReliabilityCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-cli-rel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void An_empty_repo_option_is_an_error_not_the_default_repository()
    {
        string tree = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(tree);
        string fallback = Path.Combine(_dir, "from-variable");
        Func<string, string?> environment = name => name == "LODE_REPO" ? fallback : null;
        Assert.Equal(ExitCodes.Error, Cli.Run(["--repo", "", "snapshot", tree], environment));
        Assert.False(Directory.Exists(fallback));
        Assert.Equal(ExitCodes.Ok, Cli.Run(["snapshot", tree], environment));
        Assert.True(Directory.Exists(fallback));
    }

    [Theory]
    [InlineData(0xDED, "rwsr-sr-x")] // 06755
    [InlineData(0xDA4, "rwSr-Sr--")] // 06644
    [InlineData(0x3FF, "rwxrwxrwt")] // 01777
    [InlineData(0x3FE, "rwxrwxrwT")] // 01776
    [InlineData(0x1A4, "rw-r--r--")]
    public void Long_listings_show_setuid_setgid_and_sticky_bits_as_ls_does(int mode, string text) =>
        Assert.Equal(text, LsCommand.ModeString((UnixFileMode)mode));

    [Fact]
    public void Restore_goes_on_past_an_entry_it_cannot_restore_and_exits_3()
    {
        string tree = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "a"), "a\n");
        File.WriteAllText(Path.Combine(tree, "b"), "b\n");
        string repo = Path.Combine(_dir, "repo");
        string target = Path.Combine(_dir, "target");
        Directory.CreateDirectory(Path.Combine(target, "a", "in-the-way"));
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "snapshot", tree]));

        Assert.Equal(ExitCodes.Incomplete, Cli.Run(["--repo", repo, "restore", "latest", target]));
        Assert.Equal("b\n", File.ReadAllText(Path.Combine(target, "b")));
        Assert.Equal(ExitCodes.Error, Cli.Run(["--repo", repo, "restore", "latest", ""]));
        Assert.Equal(ExitCodes.Error, Cli.Run(["--repo", repo, "snapshot", ""]));
    }

    [Fact]
    public void A_damaged_manifest_leaves_the_other_snapshots_usable_and_check_reports_it_with_exit_1()
    {
        string repo = Path.Combine(_dir, "repo");
        string first = Path.Combine(_dir, "first");
        string second = Path.Combine(_dir, "second");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(first, "a.txt"), "needle one\n");
        File.WriteAllText(Path.Combine(second, "b.txt"), "needle two\n");
        // Shared contents: "two" stores them as parent blocks of "one"'s container.
        var random = new Random(5);
        string shared = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i} {random.Next()}\n"));
        File.WriteAllText(Path.Combine(first, "0-shared.txt"), shared);
        File.WriteAllText(Path.Combine(second, "0-shared.txt"), shared);
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "snapshot", first, "--tag", "one"]));
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "snapshot", second, "--tag", "two"]));
        string damaged = Directory.GetFiles(Path.Combine(repo, "snapshots")).Single(f => File.ReadAllText(f).Contains("\"one\"", StringComparison.Ordinal));
        File.WriteAllText(damaged, "{ not a manifest");
        File.WriteAllText(Path.Combine(repo, "snapshots", "stray"), "garbage");
        using (var huge = File.Create(Path.Combine(repo, "snapshots", "huge")))
        {
            huge.SetLength(3L << 30); // Sparse: listed at 3 GiB, never read.
        }

        // "two" reads the shared file from "one"'s container, whose manifest is the damaged one.
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "cat", "two:b.txt"]));
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "cat", "two:0-shared.txt"]));
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "search", "line 19999 ", "two"]));
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "search", "needle", "two"]));
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "snapshot", second]));
        Assert.Equal(ExitCodes.NotFound, Cli.Run(["--repo", repo, "check"]));
        Assert.Equal(ExitCodes.Error, Cli.Run(["--repo", repo, "cat", "one:a.txt"]));
    }
}
