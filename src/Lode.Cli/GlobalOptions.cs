using System.CommandLine;
using Lode.ObjectStorage;

namespace Lode.Cli;

/// <summary>Options every command takes: the repository they select, and how a remote one is reached and cached.</summary>
/// <param name="environment">Looks up environment variables (<c>LODE_REPO</c>, <c>LODE_CACHE_DIR</c>, the AWS ones); the process environment by default.</param>
internal sealed class GlobalOptions(Func<string, string?> environment)
{
    public GlobalOptions() : this(Environment.GetEnvironmentVariable)
    {
    }

    public Option<string?> Repo { get; } = new("--repo")
    {
        Description = "The repository: a directory or s3://BUCKET/PREFIX (default: $LODE_REPO, else ~/.local/share/lode).",
        Recursive = true,
    };

    public Option<Uri?> S3Endpoint { get; } = new("--s3-endpoint")
    {
        Description = "The URL of an S3-compatible server, e.g. http://127.0.0.1:9000 (default: $AWS_ENDPOINT_URL_S3, else $AWS_ENDPOINT_URL, else AWS S3).",
        Recursive = true,
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }
            result.AddError($"--s3-endpoint '{text}' is not an absolute http:// or https:// URL.");
            return null;
        },
    };

    public Option<string?> CacheDir { get; } = new("--cache-dir")
    {
        Description = "The disk cache of remote repositories (default: $LODE_CACHE_DIR, else $XDG_CACHE_HOME/lode, else ~/.cache/lode).",
        Recursive = true,
    };

    public Option<long?> CacheSize { get; } = new("--cache-size")
    {
        Description = "The most bytes the disk cache keeps, e.g. 512MiB or 10GiB (default: $LODE_CACHE_SIZE, else 10GiB; 0 caches nothing).",
        Recursive = true,
        CustomParser = ByteSize.OptionParser("--cache-size"),
    };

    public Option<int?> CacheStreams { get; } = new("--cache-streams")
    {
        Description = "How many range GETs one cold fetch of a remote object runs in parallel (1 to 64, default 8).",
        Recursive = true,
        CustomParser = WholeNumber.Parser("--cache-streams", 1, 64, "a whole number from 1 to 64"),
    };

    public Option<int?> ListingTtl { get; } = new("--listing-ttl")
    {
        Description = "Seconds a remote repository's list of snapshots may be reused by the next commands before it is listed again (default: $LODE_LISTING_TTL, else 60; 0 lists every time). Snapshots taken on this machine are seen at once; snapshot, check and index build always list.",
        Recursive = true,
        CustomParser = WholeNumber.Parser("--listing-ttl", 0, int.MaxValue, "a whole number of seconds, 0 or more"),
    };

    public Option<string?> PasswordFile { get; } = new("--password-file")
    {
        Description = "Read an encrypted repository's password from the first line of this file (default: $LODE_PASSWORD, else a prompt on the terminal).",
        Recursive = true,
    };

    /// <summary>Every global option, for the root command.</summary>
    public IEnumerable<Option> All => [Repo, S3Endpoint, CacheDir, CacheSize, CacheStreams, ListingTtl, PasswordFile];

    /// <summary>The repository's location from --repo (given empty, it stays empty, which opening refuses: an unset
    /// variable must not select the default repository), else LODE_REPO when not empty, else the default.</summary>
    public string Location(ParseResult result)
    {
        if (result.GetValue(Repo) is { } given)
        {
            return given;
        }
        string? variable = environment("LODE_REPO");
        return string.IsNullOrEmpty(variable) ? Repository.DefaultLocation : variable;
    }

    /// <summary>Where an encrypted repository's password comes from (see <see cref="Password"/>);
    /// <paramref name="confirm"/> asks twice on a terminal, for a new repository.</summary>
    public Func<string> PasswordSource(ParseResult result, bool confirm = false) =>
        Password.From(result.GetValue(PasswordFile), environment, confirm);

    /// <summary>The disk cache the options select.</summary>
    public CacheSettings Cache(ParseResult result) => new()
    {
        Directory = result.GetValue(CacheDir) is { Length: > 0 } directory ? Path.GetFullPath(directory) : CacheSettings.DirectoryFrom(environment),
        BudgetBytes = result.GetValue(CacheSize) ?? BudgetFromEnvironment() ?? CacheSettings.DefaultBudgetBytes,
        Streams = result.GetValue(CacheStreams) ?? CacheSettings.DefaultStreams,
    };

    /// <summary>The budget in <c>LODE_CACHE_SIZE</c>, or <c>null</c> when it is not set.</summary>
    /// <exception cref="LodeException">The variable is not a size.</exception>
    private long? BudgetFromEnvironment()
    {
        string? text = environment("LODE_CACHE_SIZE");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return ByteSize.TryParse(text, out long bytes)
            ? bytes
            : throw new LodeException($"LODE_CACHE_SIZE='{text}' is not a size; give bytes or a number with a unit, e.g. 512MiB or 10GiB.");
    }

    /// <summary>
    /// How to reach the selected repository; <paramref name="data"/> and <paramref name="index"/> say how a command
    /// reads containers and indexes that are not cached yet, and <paramref name="freshListing"/> makes it list a
    /// remote repository rather than reuse a recent listing (for commands that write or check).
    /// </summary>
    public RepositoryOptions Options(ParseResult result, CacheMode data = CacheMode.Lazy, CacheMode index = CacheMode.Lazy, bool freshListing = false)
    {
        var cache = Cache(result);
        return new()
        {
            Cache = cache,
            // The catalog lives beside the cache (catalogs/<repository id>/); repairs are one line on stderr.
            Catalog = new CatalogSettings { Directory = cache.Directory, Notice = Terminal.Notice },
            S3Endpoint = result.GetValue(S3Endpoint),
            ListingTtl = freshListing ? TimeSpan.Zero : TimeSpan.FromSeconds(result.GetValue(ListingTtl) ?? TtlFromEnvironment() ?? (int)RepositoryOptions.DefaultListingTtl.TotalSeconds),
            DataReads = data,
            IndexReads = index,
            Environment = environment,
            Password = PasswordSource(result),
        };
    }

    /// <summary>The seconds in <c>LODE_LISTING_TTL</c>, or <c>null</c> when it is not set.</summary>
    /// <exception cref="LodeException">The variable is not a number of seconds.</exception>
    private int? TtlFromEnvironment()
    {
        string? text = environment("LODE_LISTING_TTL");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int seconds)
            ? seconds
            : throw new LodeException($"LODE_LISTING_TTL='{text}' is not a number of seconds (0 or more).");
    }

    /// <summary>Opens the selected repository (see <see cref="Options"/>).</summary>
    public Repository Open(ParseResult result, CacheMode data = CacheMode.Lazy, CacheMode index = CacheMode.Lazy, bool freshListing = false) =>
        Repository.Open(Location(result), Options(result, data, index, freshListing));
}
