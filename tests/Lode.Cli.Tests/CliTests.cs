namespace Lode.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("search")]
    [InlineData("cat latest:x --offset -1")]
    [InlineData("no-such-command")]
    public void Usage_errors_exit_with_2(string commandLine)
    {
        Assert.Equal(ExitCodes.Error, Cli.Run(commandLine.Split(' ')));
    }

    [Fact]
    public void A_missing_repository_is_an_error_and_is_not_created()
    {
        string repo = Path.Combine(_dir, "missing");
        Assert.Equal(ExitCodes.Error, Cli.Run(["--repo", repo, "snapshots"]));
        Assert.False(Directory.Exists(repo));
    }

    [Fact]
    public void Init_twice_is_an_error_the_second_time()
    {
        string repo = Path.Combine(_dir, "repo");
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "init"]));
        Assert.Equal(ExitCodes.Error, Cli.Run(["--repo", repo, "init"]));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5L << 30, "5.0 GiB")]
    public void Byte_counts_read_well(long bytes, string text) => Assert.Equal(text, Terminal.Bytes(bytes));

    [Theory]
    [InlineData("lz4", Lode.IO.CompressionCodec.Lz4, 0)]
    [InlineData("none", Lode.IO.CompressionCodec.None, 0)]
    [InlineData("zstd:19", Lode.IO.CompressionCodec.Zstd, 19)]
    [InlineData("ZSTD", Lode.IO.CompressionCodec.Zstd, 3)]
    public void Init_records_the_chosen_compression(string setting, Lode.IO.CompressionCodec codec, int level)
    {
        string repo = Path.Combine(_dir, "repo");
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", repo, "init", "--compression", setting]));
        using var repository = Repository.Open(repo);
        Assert.Equal(codec, repository.Config.Compression);
        Assert.Equal(level, repository.Config.CompressionLevel);
    }

    [Theory]
    [InlineData("zstd:0")]
    [InlineData("zstd:99")]
    [InlineData("lz4:3")]
    [InlineData("gzip")]
    public void Init_refuses_an_unknown_compression_and_creates_nothing(string setting)
    {
        string repo = Path.Combine(_dir, "repo");
        Assert.Equal(ExitCodes.Error, Cli.Run(["--repo", repo, "init", "--compression", setting]));
        Assert.False(Directory.Exists(repo));
    }
}
