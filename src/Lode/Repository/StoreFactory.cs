using System.Globalization;
using Lode.ObjectStorage;

namespace Lode;

/// <summary>Builds the object store of a repository location: a directory store, or S3 behind the disk cache.</summary>
internal static class StoreFactory
{
    /// <summary>The test and benchmark knob that slows every remote request down (milliseconds).</summary>
    internal const string LatencyVariable = "LODE_TEST_LATENCY_MS";

    /// <summary>
    /// The store of <paramref name="location"/>: a <see cref="FileSystemObjectStore"/> for a local directory (created
    /// when missing), else an <see cref="S3ObjectStore"/> read through the cache that <paramref name="options"/>
    /// names. The caller owns the result (which owns the cache it opened).
    /// </summary>
    /// <exception cref="LodeException">An endpoint, a variable or a cache setting is invalid, or the cache cannot be opened.</exception>
    public static IObjectStore Create(RepositoryLocation location, RepositoryOptions options)
    {
        if (location.LocalPath is { } path)
        {
            return new FileSystemObjectStore(path);
        }
        var s3 = S3Options(location, options);
        ReserveBlockingThreads();
        IObjectStore remote = new S3ObjectStore(s3);
        try
        {
            if (Latency(options.Environment) is { } latency)
            {
                remote = new LatencyObjectStore(remote, latency);
            }
            if (options.WrapRemote is { } wrap)
            {
                remote = wrap(remote);
            }
            var cache = options.Cache.Open();
            return new RemoteObjectStore(remote, cache, Scope(location, s3.Endpoint), options);
        }
        catch
        {
            remote.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The S3 settings of a remote location: endpoint, region and profile from the environment (an explicit endpoint
    /// wins), path-style addressing with an endpoint, and static credentials when <c>AWS_ACCESS_KEY_ID</c> and
    /// <c>AWS_SECRET_ACCESS_KEY</c> are set and no <c>AWS_PROFILE</c> is (else the AWS SDK's default chain).
    /// </summary>
    /// <exception cref="LodeException">An endpoint is not an absolute http(s) URL.</exception>
    internal static S3ObjectStoreOptions S3Options(RepositoryLocation location, RepositoryOptions options)
    {
        S3ObjectStoreOptions s3;
        try
        {
            s3 = S3ObjectStoreOptions.FromEnvironment(location.Bucket!, location.Prefix, options.Environment);
        }
        catch (ArgumentException e)
        {
            throw new LodeException($"Cannot reach {location}: {e.Message.Split(" (Parameter", 2)[0]} Fix the variable or pass --s3-endpoint.", e);
        }
        if (options.S3Endpoint is { } endpoint)
        {
            if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
            {
                throw new LodeException($"The S3 endpoint '{endpoint}' is not an absolute http:// or https:// URL.");
            }
            s3 = s3 with { Endpoint = endpoint, ForcePathStyle = true };
        }
        string? key = options.Environment("AWS_ACCESS_KEY_ID");
        string? secret = options.Environment("AWS_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(secret) && s3.Profile is null)
        {
            string? token = options.Environment("AWS_SESSION_TOKEN");
            s3 = s3 with { Credentials = new S3Credentials(key, secret, string.IsNullOrEmpty(token) ? null : token) };
        }
        return s3;
    }

    /// <summary>
    /// The cache scope of a remote repository: its canonical location, followed by <c>" at ENDPOINT"</c> when it is
    /// not on AWS S3 itself, so that equal buckets on two servers never share cache entries.
    /// </summary>
    internal static string Scope(RepositoryLocation location, Uri? endpoint) =>
        endpoint is null ? location.ToString() : $"{location} at {endpoint.AbsoluteUri}";

    /// <summary>
    /// Raises the thread pool's minimum to <see cref="MinWorkerThreads"/> workers. A remote reader blocks its thread
    /// on each range request, and searches read shards in parallel on pool threads; the requests' completions need
    /// pool threads too, so with the default minimum (one per core) a few blocked readers starve the completions they
    /// wait for until the pool slowly grows (about one thread per 0.5 s). Process-wide; never lowers a larger minimum.
    /// </summary>
    private static void ReserveBlockingThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out int completions);
        if (workers < MinWorkerThreads)
        {
            ThreadPool.SetMinThreads(MinWorkerThreads, completions);
        }
    }

    /// <summary>The thread pool minimum while remote repositories are open: enough for every shard of a search and a cold fetch's streams to block at once.</summary>
    private const int MinWorkerThreads = 64;

    private static TimeSpan? Latency(Func<string, string?> environment)
    {
        string? text = environment(LatencyVariable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && ms <= 60_000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new LodeException($"{LatencyVariable}={text} is not a latency in milliseconds (0 to 60000).");
    }
}
