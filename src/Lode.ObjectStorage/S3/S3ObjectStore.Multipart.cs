using System.Buffers;
using System.Runtime.ExceptionServices;
using Amazon.S3.Model;

namespace Lode.ObjectStorage;

/// <summary>Multipart upload: parts read in order, uploaded in parallel, completed (conditionally) or aborted.</summary>
public sealed partial class S3ObjectStore
{
    private async Task<bool> PutMultipartAsync(string key, PartReader reader, string? writer, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = _options.Bucket, Key = _prefix + key };
        if (writer is not null)
        {
            initiate.Metadata.Add(WriterMetadata, writer);
        }
        string uploadId = (await Send(key, "start a multipart upload of", token => _client.Value.InitiateMultipartUploadAsync(initiate, token), cancellationToken)).UploadId;
        bool completed = false;
        try
        {
            var parts = await UploadPartsAsync(key, uploadId, reader, cancellationToken);
            var complete = new CompleteMultipartUploadRequest
            {
                BucketName = _options.Bucket,
                Key = _prefix + key,
                UploadId = uploadId,
                PartETags = parts,
                IfNoneMatch = writer is null ? null : "*",
            };
            bool created = await Conditional(key, writer, token => _client.Value.CompleteMultipartUploadAsync(complete, token), cancellationToken);
            completed = created;
            return created;
        }
        finally
        {
            if (!completed)
            {
                await AbortQuietlyAsync(key, uploadId);
            }
        }
    }

    /// <summary>
    /// Reads parts in order and uploads up to <see cref="S3ObjectStoreOptions.UploadParallelism"/> at once, each
    /// from its own pooled buffer (retried from it); returns the parts' ETags in part order. On the first failure
    /// the other uploads are cancelled and the failure is thrown.
    /// </summary>
    private async Task<List<PartETag>> UploadPartsAsync(string key, string uploadId, PartReader reader, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(_options.UploadParallelism);
        var uploads = new List<Task<PartETag>>();
        try
        {
            for (int number = 1; ; number++)
            {
                await slots.WaitAsync(failed.Token);
                byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.PartSize);
                int length;
                try
                {
                    length = await reader.ReadAsync(buffer.AsMemory(0, _options.PartSize), failed.Token);
                }
                catch
                {
                    Release(buffer, slots);
                    throw;
                }
                if (length == 0 && number > 1)
                {
                    Release(buffer, slots);
                    break;
                }
                if (number > MaxParts)
                {
                    Release(buffer, slots);
                    throw new ObjectStorePermanentException(
                        $"Cannot put object {ObjectKey.Describe(key)} in {Location}: it needs more than {MaxParts} parts of {_options.PartSize} bytes; raise PartSize.", key, null);
                }
                uploads.Add(UploadPartAsync(key, uploadId, number, buffer, length, slots, failed));
                if (length < _options.PartSize)
                {
                    break;
                }
            }
            return [.. await Task.WhenAll(uploads)];
        }
        catch
        {
            await failed.CancelAsync();
            await Task.WhenAll(uploads).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            // A part's own failure, not the cancellations it caused in its siblings, is what the caller must see.
            if (uploads.FirstOrDefault(t => t.IsFaulted) is { } first)
            {
                ExceptionDispatchInfo.Throw(first.Exception!.InnerException!);
            }
            throw;
        }
    }

    private async Task<PartETag> UploadPartAsync(string key, string uploadId, int number, byte[] buffer, int length,
        SemaphoreSlim slots, CancellationTokenSource failed)
    {
        try
        {
            var response = await Send(key, $"upload part {number} of", token => _client.Value.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _options.Bucket,
                Key = _prefix + key,
                UploadId = uploadId,
                PartNumber = number,
                InputStream = new MemoryStream(buffer, 0, length, writable: false),
                UseChunkEncoding = false,
            }, token), failed.Token);
            return new PartETag(number, response.ETag);
        }
        catch
        {
            await failed.CancelAsync();
            throw;
        }
        finally
        {
            Release(buffer, slots);
        }
    }

    private static void Release(byte[] buffer, SemaphoreSlim slots)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        slots.Release();
    }

    /// <summary>Aborts an upload so its parts stop costing storage; a failure here is left to the bucket's lifecycle rules.</summary>
    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout);
            await _client.Value.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = _options.Bucket,
                Key = _prefix + key,
                UploadId = uploadId,
            }, timeout.Token);
        }
        catch (Exception e) when (S3Errors.IsService(e) || e is OperationCanceledException)
        {
            // Best effort: an upload left behind is invisible to readers and listings.
        }
    }
}
