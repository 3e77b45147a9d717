using System.CommandLine;
using Lode.ObjectStorage;

namespace Lode.Cli.Tests;

/// <summary>The options that select and reach a remote repository and its disk cache, and <c>lode cache</c>.</summary>
public sealed class RemoteOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-cli-remote-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--cache-size 10XB cache stats")]
    [InlineData("--cache-size -1 cache stats")]
    [InlineData("--cache-streams 0 cache stats")]
    [InlineData("--cache-streams 65 cache stats")]
    [InlineData("--listing-ttl -1 snapshots")]
    [InlineData("--listing-ttl soon snapshots")]
    [InlineData("--cache-streams many cache stats")]
    [InlineData("cat --offset x latest:a")]
    [InlineData("cat --length -1 latest:a")]
    [InlineData("search --max-count lots x")]
    [InlineData("--s3-endpoint not-a-url snapshots")]
    [InlineData("--s3-endpoint ftp://host/ snapshots")]
    [InlineData("--repo gs://bucket/x snapshots")]
    [InlineData("--repo s3://b snapshots")]
    [InlineData("cache")]
    [InlineData("cache frobnicate")]
    public void Bad_remote_options_exit_with_2(string commandLine)
    {
        // Against a repository where the same command with good values succeeds (next test), so only the option fails it.
        Assert.Equal(ExitCodes.Error, Cli.Run(WithRepository(commandLine), NoVariables));
    }

    [Theory]
    [InlineData("--cache-size 1MiB cache stats")]
    [InlineData("--cache-streams 4 cache stats")]
    [InlineData("--listing-ttl 0 snapshots")]
    [InlineData("--listing-ttl 300 snapshots")]
    [InlineData("cat --offset 1 latest:a")]
    [InlineData("cat --length 0 latest:a")]
    [InlineData("search --max-count 1 x")]
    public void Good_values_of_the_same_options_exit_0(string commandLine)
    {
        Assert.Equal(ExitCodes.Ok, Cli.Run(WithRepository(commandLine), NoVariables));
    }

    /// <summary>The command line, run against a repository in the temp directory (unless it names one) holding one
    /// snapshot with file <c>a</c> = "x\n", with the cache in the temp directory too.</summary>
    private string[] WithRepository(string commandLine)
    {
        string repo = Path.Combine(_dir, "repo");
        string cache = Path.Combine(_dir, "cache");
        if (!Directory.Exists(repo))
        {
            string tree = Directory.CreateDirectory(Path.Combine(_dir, "tree")).FullName;
            File.WriteAllText(Path.Combine(tree, "a"), "x\n");
            Assert.Equal(ExitCodes.Ok, Cli.Run(["snapshot", tree, "--repo", repo, "--cache-dir", cache], NoVariables));
        }
        var args = commandLine.Split(' ').ToList();
        if (!args.Contains("--repo"))
        {
            args.AddRange(["--repo", repo]);
        }
        args.AddRange(["--cache-dir", cache]);
        return [.. args];
    }

    [Fact]
    public void Cache_options_come_from_the_command_line_first_then_the_environment()
    {
        var globals = new GlobalOptions(Variables(("LODE_CACHE_DIR", "/env/cache"), ("XDG_CACHE_HOME", "/xdg")));

        var fromEnvironment = globals.Cache(Parse(globals, "snapshots"));
        var fromOptions = globals.Cache(Parse(globals, "snapshots --cache-dir /opt/c --cache-size 512MiB --cache-streams 16"));

        Assert.Equal(new CacheSettings { Directory = "/env/cache" }, fromEnvironment);
        Assert.Equal(new CacheSettings { Directory = "/opt/c", BudgetBytes = 512L << 20, Streams = 16 }, fromOptions);
    }

    [Fact]
    public void The_cache_size_comes_from_LODE_CACHE_SIZE_when_the_option_is_not_given()
    {
        var globals = new GlobalOptions(Variables(("LODE_CACHE_SIZE", "2GiB")));

        Assert.Equal(2L << 30, globals.Cache(Parse(globals, "snapshots")).BudgetBytes);
        Assert.Equal(1L << 20, globals.Cache(Parse(globals, "snapshots --cache-size 1MiB")).BudgetBytes);
    }

    [Fact]
    public void The_listing_ttl_comes_from_the_option_then_LODE_LISTING_TTL_and_writers_always_list()
    {
        var globals = new GlobalOptions(Variables(("LODE_LISTING_TTL", "300")));
        var defaults = new GlobalOptions(NoVariables);

        Assert.Equal(TimeSpan.FromSeconds(300), globals.Options(Parse(globals, "snapshots")).ListingTtl);
        Assert.Equal(TimeSpan.FromSeconds(5), globals.Options(Parse(globals, "snapshots --listing-ttl 5")).ListingTtl);
        Assert.Equal(TimeSpan.Zero, globals.Options(Parse(globals, "snapshots"), freshListing: true).ListingTtl);
        Assert.Equal(RepositoryOptions.DefaultListingTtl, defaults.Options(Parse(defaults, "snapshots")).ListingTtl);
    }

    [Fact]
    public void A_bad_LODE_LISTING_TTL_is_an_error()
    {
        var globals = new GlobalOptions(Variables(("LODE_LISTING_TTL", "-5")));

        var e = Assert.Throws<LodeException>(() => globals.Options(Parse(globals, "snapshots")));

        Assert.Contains("LODE_LISTING_TTL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_LODE_CACHE_SIZE_is_an_error()
    {
        string cacheDir = Path.Combine(_dir, "cache");

        Assert.Equal(ExitCodes.Error, Cli.Run(["cache", "stats", "--cache-dir", cacheDir], Variables(("LODE_CACHE_SIZE", "lots"))));
    }

    [Fact]
    public void Cache_stats_never_evicts_even_under_a_smaller_budget()
    {
        string cacheDir = Path.Combine(_dir, "cache");
        Populate(cacheDir, "a", "b");

        Assert.Equal(ExitCodes.Ok, Cli.Run(["cache", "stats", "--cache-dir", cacheDir, "--cache-size", "0"], NoVariables));

        Assert.Equal(2, Directory.GetFiles(Path.Combine(cacheDir, "entries")).Length);
    }

    [Fact]
    public void The_repository_and_endpoint_reach_the_engine_options()
    {
        var globals = new GlobalOptions(Variables(("LODE_REPO", "s3://from-env/p")));

        var result = Parse(globals, "search x --s3-endpoint http://127.0.0.1:9000");
        var options = globals.Options(result, data: CacheMode.RangeOnly);

        Assert.Equal("s3://from-env/p", globals.Location(result));
        Assert.Equal(new Uri("http://127.0.0.1:9000"), options.S3Endpoint);
        Assert.Equal(CacheMode.RangeOnly, options.DataReads);
        Assert.Equal(CacheMode.Lazy, options.IndexReads);
        Assert.Equal("s3://cli/p", globals.Location(Parse(globals, "snapshots --repo s3://cli/p")));
    }

    [Fact]
    public void Cache_clear_removes_every_entry_and_listing_and_stats_keeps_them()
    {
        string cacheDir = Path.Combine(_dir, "cache");
        Populate(cacheDir, "a", "b", "c");
        Directory.CreateDirectory(Path.Combine(cacheDir, "listings"));
        File.WriteAllText(Path.Combine(cacheDir, "listings", "0123.json"), "{}");

        Assert.Equal(ExitCodes.Ok, Cli.Run(["cache", "stats", "--cache-dir", cacheDir], NoVariables));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(cacheDir, "entries")).Length);
        Assert.Equal(ExitCodes.Ok, Cli.Run(["cache", "stats", "--json", "--cache-dir", cacheDir], NoVariables));
        Assert.Equal(ExitCodes.Ok, Cli.Run(["cache", "clear", "--cache-dir", cacheDir], NoVariables));

        Assert.Empty(Directory.GetFiles(Path.Combine(cacheDir, "entries")));
        Assert.Empty(Directory.GetFiles(Path.Combine(cacheDir, "listings")));
    }

    [Fact]
    public void The_cache_directory_defaults_to_LODE_CACHE_DIR()
    {
        string cacheDir = Path.Combine(_dir, "env-cache");
        Populate(cacheDir, "x");

        Assert.Equal(ExitCodes.Ok, Cli.Run(["cache", "clear"], Variables(("LODE_CACHE_DIR", cacheDir))));

        Assert.Empty(Directory.GetFiles(Path.Combine(cacheDir, "entries")));
    }

    [Fact]
    public void A_cache_directory_that_is_a_file_is_an_error()
    {
        string file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "not a directory");

        Assert.Equal(ExitCodes.Error, Cli.Run(["cache", "stats", "--cache-dir", file], NoVariables));
    }

    private static void Populate(string cacheDir, params string[] keys)
    {
        using var cache = new CacheSettings { Directory = cacheDir }.Open();
        using var store = new CachingObjectStore(new MemoryObjectStore(), cache, "test-scope");
        foreach (string key in keys)
        {
            using var content = new MemoryStream(new byte[100]);
            store.PutAsync(key, content).GetAwaiter().GetResult();
        }
    }

    private static ParseResult Parse(GlobalOptions globals, string commandLine)
    {
        var root = new RootCommand();
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }
        var sub = new Command(commandLine.Split(' ')[0]) { new Argument<string[]>("rest") { Arity = ArgumentArity.ZeroOrMore } };
        root.Subcommands.Add(sub);
        var result = root.Parse(commandLine.Split(' '));
        Assert.Empty(result.Errors);
        return result;
    }

    private static string? NoVariables(string name) => null;

    private static Func<string, string?> Variables(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
