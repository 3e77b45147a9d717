using Lode.ObjectStorage;

namespace Lode;

/// <summary>
/// How <see cref="Repository.Open(string, RepositoryOptions)"/> reaches a repository: the S3 endpoint and the
/// environment that configure a remote one, the disk cache it is read through, and how each kind of object is read
/// when it is not cached yet. Local repositories ignore all of it. Immutable.
/// </summary>
/// <remarks>
/// A remote repository's store is the S3 store behind a <see cref="CachingObjectStore"/>: what is written goes up
/// (multipart, in parallel, with retries) and into the cache (a warm insert); snapshot containers and search
/// indexes are read through the cache as <see cref="DataReads"/> and <see cref="IndexReads"/> say; manifests are
/// cached once read (they never change), and the config and listings come from a listing reused for
/// <see cref="ListingTtl"/>.
/// </remarks>
public sealed record RepositoryOptions
{
    /// <summary>The disk cache of remote repositories.</summary>
    public CacheSettings Cache { get; init; } = new();

    /// <summary>
    /// The endpoint of an S3-compatible server (e.g. <c>http://127.0.0.1:9000</c>); <c>null</c> takes it from
    /// <c>AWS_ENDPOINT_URL_S3</c>, else <c>AWS_ENDPOINT_URL</c>, else AWS S3 itself. With an endpoint, requests use
    /// path-style addressing.
    /// </summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary>
    /// How snapshot containers (<c>data/ID</c>) are opened when not cached. <see cref="CacheMode.Lazy"/> (the
    /// default) serves reads with range requests while a background fill downloads the object, and disposing the
    /// repository waits for that fill, so the next run finds the object cached; <see cref="CacheMode.Eager"/>
    /// downloads the whole object with parallel range GETs before the first read (best for restore);
    /// <see cref="CacheMode.RangeOnly"/> reads ranges and never fills (best when only a few bytes are needed).
    /// </summary>
    public CacheMode DataReads { get; init; } = CacheMode.Lazy;

    /// <summary>Gives the password of an encrypted repository; asked only when the repository is encrypted (or, for
    /// <see cref="Repository.Init(string, RepositoryOptions, RepositoryConfig?, bool)"/>, when it is to be).</summary>
    public Func<string>? Password { get; init; }

    /// <summary>
    /// Where the repository's catalog lives (<c>catalogs/&lt;repository id&gt;/</c> under
    /// <see cref="CatalogSettings.Directory"/>, usually the cache directory) and who hears of its repairs; null (the
    /// default) keeps no catalog on disk: <see cref="Repository.OpenCatalog"/> then builds one in memory for the call.
    /// The <c>lode</c> command sets it.
    /// </summary>
    public CatalogSettings? Catalog { get; init; }

    /// <summary>
    /// How old a remote repository's listing (its config and the names of its snapshots and rebuilt indexes; see
    /// <c>docs/format.md</c>, "Remote listing") may be when a command reuses it instead of listing the store. A
    /// listing is taken at most once per opened repository and kept beside the disk cache; a write through this
    /// machine (a snapshot, an index build) discards it at once, so only snapshots taken elsewhere in the last
    /// <see cref="ListingTtl"/> can be missed, and a snapshot asked for by a name the listing lacks makes the command
    /// list again. <see cref="TimeSpan.Zero"/> lists on every open. Default: 60 seconds. Local repositories ignore it.
    /// </summary>
    public TimeSpan ListingTtl { get; init; } = DefaultListingTtl;

    /// <summary>The default <see cref="ListingTtl"/>: 60 seconds.</summary>
    public static readonly TimeSpan DefaultListingTtl = TimeSpan.FromSeconds(60);

    /// <summary>How search indexes (<c>index/ID</c>) are opened when not cached; as <see cref="DataReads"/>.</summary>
    public CacheMode IndexReads { get; init; } = CacheMode.Lazy;

    /// <summary>
    /// Looks up an environment variable: the AWS variables (<c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ENDPOINT_URL</c>,
    /// <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, <c>AWS_PROFILE</c>, <c>AWS_ACCESS_KEY_ID</c>,
    /// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>) and the test knob <c>LODE_TEST_LATENCY_MS</c>
    /// (every request to a remote store waits that many milliseconds first; for tests and benchmarks). Default: the
    /// process environment. Must be thread-safe.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Tests only: wraps the remote store (below the cache) once it is built, e.g. to count requests.</summary>
    internal Func<IObjectStore, IObjectStore>? WrapRemote { get; init; }
}
