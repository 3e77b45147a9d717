namespace Lode.ObjectStorage;

/// <summary>
/// Where an <see cref="S3ObjectStore"/> keeps its objects and how it talks to the service. Build one by hand, or
/// with <see cref="FromEnvironment"/> from the standard AWS environment variables.
/// </summary>
/// <remarks>Sizes are in bytes. The defaults suit AWS S3 and S3-compatible servers alike; see each property.</remarks>
public sealed record S3ObjectStoreOptions
{
    /// <summary>The smallest part S3 accepts in a multipart upload, except the last (5 MiB).</summary>
    public const int MinPartSize = 5 * 1024 * 1024;

    /// <summary>The bucket. Must exist; the store does not create it.</summary>
    public required string Bucket { get; init; }

    /// <summary>
    /// A key prefix inside the bucket under which every object lives, e.g. <c>"repos/main"</c>; <c>""</c> for
    /// the bucket's root. A trailing <c>'/'</c> is added when missing.
    /// </summary>
    public string Prefix { get; init; } = "";

    /// <summary>
    /// The service endpoint of an S3-compatible server (MinIO, Ceph RGW, R2, SeaweedFS, Garage, s3rver), e.g.
    /// <c>http://127.0.0.1:9000</c>; <c>null</c> for AWS S3 in <see cref="Region"/>.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The region requests are signed for (and, without <see cref="Endpoint"/>, sent to). Default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>
    /// Path-style addressing (<c>endpoint/bucket/key</c>) instead of virtual-hosted style
    /// (<c>bucket.endpoint/key</c>). Most S3-compatible servers on a plain address need it.
    /// </summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>Static credentials, or <c>null</c> (the default) for the AWS SDK's default credential chain.</summary>
    public S3Credentials? Credentials { get; init; }

    /// <summary>
    /// A profile of <c>~/.aws/credentials</c> / <c>~/.aws/config</c> to take credentials from, or <c>null</c>
    /// for the default chain's choice (<c>AWS_PROFILE</c>, else <c>default</c>). Ignored when
    /// <see cref="Credentials"/> is set.
    /// </summary>
    public string? Profile { get; init; }

    /// <summary>
    /// Objects larger than this go up in a multipart upload; smaller ones in one PUT. Default 16 MiB. A put
    /// holds up to this many bytes in memory while it decides.
    /// </summary>
    public int MultipartThreshold { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The size of each part of a multipart upload (the last may be smaller); at least <see cref="MinPartSize"/>.
    /// Default 16 MiB, which allows objects up to 156 GiB (S3 allows 10,000 parts).
    /// </summary>
    public int PartSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// How many parts of one multipart upload are in flight at once. Default 4. A put holds at most
    /// <c>MultipartThreshold + (UploadParallelism + 1) × PartSize</c> bytes in memory.
    /// </summary>
    public int UploadParallelism { get; init; } = 4;

    /// <summary>
    /// How many times a request that failed transiently (timeout, connection failure, HTTP 5xx, throttling) is
    /// retried, with exponential backoff and full jitter, before the transient error is thrown. Default 5.
    /// </summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first backoff delay; each retry doubles the ceiling, up to <see cref="MaxBackoff"/>. Default 100 ms.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The ceiling of one backoff delay. Default 10 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The timeout of one HTTP request (one try). Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Keys asked for per ListObjectsV2 page (S3's maximum is 1,000); smaller only in tests of paging.</summary>
    internal int ListPageSize { get; init; } = 1000;

    /// <summary>
    /// Reads the standard AWS environment: the endpoint from <c>AWS_ENDPOINT_URL_S3</c>, else
    /// <c>AWS_ENDPOINT_URL</c> (and then path-style addressing); the region from <c>AWS_REGION</c>, else
    /// <c>AWS_DEFAULT_REGION</c>, else <c>us-east-1</c>; the profile from <c>AWS_PROFILE</c>. Credentials are left
    /// to the SDK's default chain, which reads <c>AWS_ACCESS_KEY_ID</c> / <c>AWS_SECRET_ACCESS_KEY</c> /
    /// <c>AWS_SESSION_TOKEN</c> and the profile files itself.
    /// </summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix inside the bucket.</param>
    /// <param name="environment">Looks up a variable; <c>null</c> for the process environment.</param>
    /// <exception cref="ArgumentException">The bucket is empty, or an endpoint variable is not an absolute http(s) URL.</exception>
    public static S3ObjectStoreOptions FromEnvironment(string bucket, string prefix = "", Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        environment ??= Environment.GetEnvironmentVariable;
        string? Read(string name) => environment(name) is { Length: > 0 } value ? value : null;

        Uri? endpoint = null;
        foreach (string name in new[] { "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL" })
        {
            if (Read(name) is { } text)
            {
                endpoint = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? uri
                    : throw new ArgumentException($"{name}={text} is not an absolute http:// or https:// URL.", nameof(environment));
                break;
            }
        }
        return new S3ObjectStoreOptions
        {
            Bucket = bucket,
            Prefix = prefix,
            Endpoint = endpoint,
            ForcePathStyle = endpoint is not null,
            Region = Read("AWS_REGION") ?? Read("AWS_DEFAULT_REGION") ?? "us-east-1",
            Profile = Read("AWS_PROFILE"),
        };
    }

    /// <summary>Checks the values against each other and S3's limits.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Bucket, nameof(Bucket));
        ArgumentNullException.ThrowIfNull(Prefix, nameof(Prefix));
        ArgumentException.ThrowIfNullOrEmpty(Region, nameof(Region));
        if (Prefix.Length > 0 && !ObjectKey.IsValid(Prefix.TrimEnd('/')))
        {
            throw new ArgumentException($"Prefix \"{Prefix}\" is not a valid key prefix: use segments of [A-Za-z0-9._-] separated by '/'.", nameof(Prefix));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(PartSize, MinPartSize, nameof(PartSize));
        ArgumentOutOfRangeException.ThrowIfNegative(MultipartThreshold, nameof(MultipartThreshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MultipartThreshold, Array.MaxLength - 1, nameof(MultipartThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(UploadParallelism, 1, nameof(UploadParallelism));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(BaseBackoff.Ticks, nameof(BaseBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, BaseBackoff, nameof(MaxBackoff));
    }

    /// <summary>The prefix with exactly one trailing <c>'/'</c>, or <c>""</c>.</summary>
    internal string NormalizedPrefix => Prefix.Length == 0 ? "" : Prefix.TrimEnd('/') + "/";
}
