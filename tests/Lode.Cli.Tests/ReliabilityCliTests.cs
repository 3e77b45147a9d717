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
}
