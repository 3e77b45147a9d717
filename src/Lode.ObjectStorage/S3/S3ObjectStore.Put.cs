using System.Buffers;
using Amazon.S3.Model;

namespace Lode.ObjectStorage;

/// <summary>Puts: one PUT for small objects, a streamed multipart upload with parallel parts for large ones.</summary>
public sealed partial class S3ObjectStore
{
    private const int MaxParts = 10_000;

    /// <inheritdoc />
    /// <remarks>
    /// Reads up to <see cref="S3ObjectStoreOptions.MultipartThreshold"/> + 1 bytes; if the content ends there, one
    /// PUT stores it, else a multipart upload streams it in parts (see <see cref="S3ObjectStore"/>). A failed
    /// multipart upload is aborted. Errors of <paramref name="content"/> itself pass through unchanged.
    /// </remarks>
    /// <exception cref="ObjectStoreTransientException">The service or network kept failing through every retry.</exception>
    /// <exception cref="ObjectStorePermanentException">The service refused the request, or the object needs more than 10,000 parts.</exception>
    public Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(content);
        return PutCoreAsync(key, content, ifAbsent: false, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns <c>false</c> without reading the content when a HEAD finds the object. Otherwise puts with
    /// <c>If-None-Match: *</c> (on the PUT, or on the completion of a multipart upload); the service answers 412
    /// to every racer but one, and this returns <c>false</c> for them. A retried request that meets 412 checks a
    /// per-call token in the object's metadata, so a first try that succeeded but lost its answer still returns
    /// <c>true</c>. <b>Fallback and its race:</b> on a server that ignores <c>If-None-Match</c> (s3rver 3.7, older
    /// Ceph), only the HEAD guards the put: two callers that both pass it in the same instant both write and both
    /// return <c>true</c>, the later object winning.
    /// </remarks>
    /// <exception cref="ObjectStoreTransientException">The service or network kept failing through every retry.</exception>
    /// <exception cref="ObjectStorePermanentException">The service refused the request.</exception>
    public async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(content);
        return await HeadCoreAsync(key, cancellationToken) is null
            && await PutCoreAsync(key, content, ifAbsent: true, cancellationToken);
    }

    private async Task<bool> PutCoreAsync(string key, Stream content, bool ifAbsent, CancellationToken cancellationToken)
    {
        int threshold = _options.MultipartThreshold;
        byte[] head = ArrayPool<byte>.Shared.Rent(threshold + 1);
        try
        {
            int n = await content.ReadAtLeastAsync(head.AsMemory(0, threshold + 1), threshold + 1, throwOnEndOfStream: false, cancellationToken);
            var writer = ifAbsent ? Guid.NewGuid().ToString("N") : null;
            return n <= threshold
                ? await PutSingleAsync(key, head, n, writer, cancellationToken)
                : await PutMultipartAsync(key, new PartReader(head, n, content), writer, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    /// <summary>One PUT of <c>bytes[..length]</c>; with <paramref name="writer"/>, conditional on absence.</summary>
    private Task<bool> PutSingleAsync(string key, byte[] bytes, int length, string? writer, CancellationToken cancellationToken) =>
        Conditional(key, writer, token =>
        {
            var request = new PutObjectRequest
            {
                BucketName = _options.Bucket,
                Key = _prefix + key,
                InputStream = new MemoryStream(bytes, 0, length, writable: false),
                AutoCloseStream = true,
                UseChunkEncoding = false,
                IfNoneMatch = writer is null ? null : "*",
            };
            if (writer is not null)
            {
                request.Metadata.Add(WriterMetadata, writer);
            }
            return _client.Value.PutObjectAsync(request, token);
        }, cancellationToken);

    /// <summary>
    /// Sends a (conditional) write with retries. When <paramref name="writer"/> is set and the service answers 412
    /// Precondition Failed, returns <c>false</c> — unless an earlier try of this very call created the object
    /// (its metadata carries <paramref name="writer"/>), in which case <c>true</c>.
    /// </summary>
    private async Task<bool> Conditional<T>(string key, string? writer, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        int tries = 0;
        try
        {
            await Send(key, "write", token =>
            {
                tries++;
                return request(token);
            }, cancellationToken);
            return true;
        }
        catch (ObjectStorePermanentException e) when (writer is not null && S3Errors.IsPreconditionFailed(e.InnerException!))
        {
            return tries > 1 && await IsOwnWriteAsync(key, writer, cancellationToken);
        }
    }

    private async Task<bool> IsOwnWriteAsync(string key, string writer, CancellationToken cancellationToken)
    {
        try
        {
            var head = await Send(key, "read the attributes of",
                token => _client.Value.GetObjectMetadataAsync(_options.Bucket, _prefix + key, token), cancellationToken);
            return head.Metadata[WriterMetadata] == writer;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }
}
