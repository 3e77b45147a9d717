using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// An <see cref="IObjectStore"/> in a bucket of AWS S3 or any S3-compatible service (MinIO, Ceph RGW, R2,
/// SeaweedFS, Garage, s3rver), through AWSSDK.S3. Object <c>k</c> is the S3 key <c>Prefix/k</c>.
/// </summary>
/// <remarks>
/// <para>Every request runs with the per-request <see cref="S3ObjectStoreOptions.Timeout"/> and is retried on
/// transient failures (timeouts, connection failures, HTTP 5xx, 408, 429, throttling) with exponential backoff and
/// full jitter, up to <see cref="S3ObjectStoreOptions.MaxRetries"/> times (the SDK's own retries are off, so the
/// count is exact). Errors are typed as for every store; messages name the bucket, prefix and key.</para>
/// <para>Puts are atomic (S3 shows an object only once its PUT or multipart completion succeeds). Objects above
/// <see cref="S3ObjectStoreOptions.MultipartThreshold"/> go up as a multipart upload with
/// <see cref="S3ObjectStoreOptions.UploadParallelism"/> parts in flight, streamed from the content: memory stays
/// bounded whatever the object's size. <see cref="PutIfAbsentAsync"/> sends <c>If-None-Match: *</c>, which
/// AWS S3 (since 2024), MinIO, R2 and recent Ceph enforce; a server that ignores the header leaves a race (see
/// there).</para>
/// <para>The SDK's default request checksums (CRC32 trailers) and chunked payload signing are turned off
/// ("when required" / plain signed payloads), which many S3-compatible servers do not understand.</para>
/// <para>Thread-safe. Keys in the bucket that are not valid <see cref="ObjectKey"/>s (written by other tools) are
/// skipped by <see cref="ListAsync"/>.</para>
/// </remarks>
public sealed partial class S3ObjectStore : IObjectStore
{
    private const string WriterMetadata = "x-amz-meta-lode-writer";

    private readonly Lazy<AmazonS3Client> _client;
    private readonly Backoff _backoff;
    private readonly S3ObjectStoreOptions _options;
    private readonly string _prefix;
    private volatile bool _disposed;

    /// <summary>Creates a store for <paramref name="options"/>. No request is sent, and no SDK client made, until the first call.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public S3ObjectStore(S3ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _prefix = options.NormalizedPrefix;
        _backoff = new Backoff(options.MaxRetries, options.BaseBackoff, options.MaxBackoff);
        Location = $"s3://{options.Bucket}/{_prefix}" + (options.Endpoint is { } e ? $" at {e}" : "");
        _client = new Lazy<AmazonS3Client>(() => CreateClient(options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Where the objects live, for messages: <c>s3://bucket/prefix/</c> and the endpoint, if any.</summary>
    public string Location { get; }

    /// <inheritdoc />
    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        return HeadCoreAsync(key, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectNotFoundException">The object does not exist.</exception>
    /// <exception cref="ObjectStoreTransientException">The service or network kept failing through every retry.</exception>
    /// <exception cref="ObjectStorePermanentException">The service refused the request, or the object is too large for an array.</exception>
    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        return Send(key, "read", async token =>
        {
            using var response = await _client.Value.GetObjectAsync(new GetObjectRequest { BucketName = _options.Bucket, Key = _prefix + key }, token);
            long length = response.ContentLength;
            if (length > Array.MaxLength)
            {
                throw new ObjectStorePermanentException(
                    $"Object {ObjectKey.Describe(key)} in {Location} is {length} bytes, too large for one array; read it with OpenReadAsync.", key, null);
            }
            return await ReadBodyAsync(response, key, (int)length, token);
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ObjectNotFoundException">The object does not exist.</exception>
    /// <exception cref="ObjectStoreTransientException">The service or network kept failing, or kept sending short bodies, through every retry.</exception>
    /// <exception cref="ObjectStorePermanentException">The service refused the request.</exception>
    public Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return ReadRangeAsync(key, offset, length, eTag: null, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns a reader that sends one range GET per read and checks each answer's ETag against the one seen at
    /// open: S3 keeps no old versions, so after an overwrite its reads throw
    /// <see cref="ObjectStorePermanentException"/> instead of returning bytes of the new object. Its failures are
    /// the store's typed exceptions. Put a disk cache in front for local-speed reads.
    /// </remarks>
    public async Task<IByteSource> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        var head = await Send(key, "open", token => _client.Value.GetObjectMetadataAsync(_options.Bucket, _prefix + key, token), cancellationToken);
        string eTag = head.ETag;
        return new RangeReadByteSource(head.ContentLength, (offset, length, token) => ReadRangeAsync(key, offset, length, eTag, token));
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        return Send(key, "delete",
            token => _client.Value.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.Bucket, Key = _prefix + key }, token),
            cancellationToken);
    }

    /// <summary>
    /// The SDK client of <paramref name="options"/>. Made on the first request, not in the constructor: creating it
    /// and loading the SDK cost tens of milliseconds, which a command served wholly from the disk cache never pays.
    /// </summary>
    private static AmazonS3Client CreateClient(S3ObjectStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            Timeout = options.Timeout,
            MaxErrorRetry = 0,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        if (options.Credentials is { } c)
        {
            AWSCredentials credentials = c.SessionToken is null
                ? new BasicAWSCredentials(c.AccessKeyId, c.SecretAccessKey)
                : new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
            return new AmazonS3Client(credentials, config);
        }
        if (options.Profile is { } profile)
        {
            config.Profile = new Profile(profile);
        }
        return new AmazonS3Client(config);
    }

    /// <summary>Closes the HTTP client. Readers opened before keep their reads failing with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    private void Begin(string key, CancellationToken cancellationToken)
    {
        ObjectKey.Validate(key);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<ObjectInfo?> HeadCoreAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await Send(key, "read the attributes of",
                token => _client.Value.GetObjectMetadataAsync(_options.Bucket, _prefix + key, token), cancellationToken);
            return new ObjectInfo(key, head.ContentLength, head.LastModified is { } time ? new DateTimeOffset(time.ToUniversalTime()) : DateTimeOffset.UnixEpoch);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Runs one request with retries, mapping the SDK's and the network's exceptions to typed ones.</summary>
    private Task<T> Send<T>(string key, string action, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken) =>
        _backoff.RunAsync(async token =>
        {
            try
            {
                return await request(token);
            }
            catch (Exception e) when (S3Errors.IsService(e) && !token.IsCancellationRequested)
            {
                throw S3Errors.Map(e, action, key, Location);
            }
        }, cancellationToken);

    /// <summary>Reads a range; with <paramref name="eTag"/>, fails when the object is no longer that version.</summary>
    private async Task<byte[]> ReadRangeAsync(string key, long offset, int length, string? eTag, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            var info = await HeadCoreAsync(key, cancellationToken)
                ?? throw new ObjectNotFoundException($"Object {ObjectKey.Describe(key)} does not exist in {Location}.", key, null);
            RangeCheck.ThrowIfOutside(key, offset, length, info.Length);
            return [];
        }
        if (offset > long.MaxValue - length)
        {
            RangeCheck.ThrowIfOutside(key, offset, length, long.MaxValue);
        }
        try
        {
            return await Send(key, "read a range of", async token =>
            {
                var request = new GetObjectRequest
                {
                    BucketName = _options.Bucket,
                    Key = _prefix + key,
                    ByteRange = new Amazon.S3.Model.ByteRange(offset, offset + length - 1),
                    EtagToMatch = eTag,
                };
                using var response = await _client.Value.GetObjectAsync(request, token);
                if (eTag is not null && response.ETag != eTag)
                {
                    throw Changed(key);
                }
                long total = ContentRangeTotal(response) ?? (offset == 0 ? response.ContentLength : -1);
                if (total < 0)
                {
                    throw new ObjectStorePermanentException(
                        $"Cannot read a range of object {ObjectKey.Describe(key)} in {Location}: the service ignored the Range header.", key, null);
                }
                RangeCheck.ThrowIfOutside(key, offset, length, total);
                return await ReadBodyAsync(response, key, length, token);
            }, cancellationToken);
        }
        catch (ObjectStorePermanentException e) when (e.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.RequestedRangeNotSatisfiable })
        {
            var info = await HeadCoreAsync(key, cancellationToken)
                ?? throw new ObjectNotFoundException($"Object {ObjectKey.Describe(key)} does not exist in {Location}.", key, null);
            RangeCheck.ThrowIfOutside(key, offset, length, info.Length);
            throw;
        }
        catch (ObjectStorePermanentException e) when (eTag is not null && S3Errors.IsPreconditionFailed(e.InnerException!))
        {
            throw Changed(key);
        }
    }

    private ObjectStorePermanentException Changed(string key) =>
        new($"Object {ObjectKey.Describe(key)} in {Location} was replaced after this reader opened it; open it again.", key, null);

    /// <summary>The object's total length from a <c>Content-Range: bytes a-b/total</c> header, or <c>null</c>.</summary>
    private static long? ContentRangeTotal(GetObjectResponse response)
    {
        string? range = response.ContentRange;
        int slash = range?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(range.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out long total) ? total : null;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes of a response body; a short body is a transient error.</summary>
    private async Task<byte[]> ReadBodyAsync(GetObjectResponse response, string key, int length, CancellationToken cancellationToken)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        int n = await response.ResponseStream.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken);
        return n == length
            ? bytes
            : throw new ObjectStoreTransientException(
                $"Reading object {ObjectKey.Describe(key)} in {Location}: the body ended after {n} of {length} bytes; retry.", key, null);
    }
}
