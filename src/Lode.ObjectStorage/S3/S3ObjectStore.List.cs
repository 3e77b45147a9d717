using System.Runtime.CompilerServices;
using Amazon.S3.Model;

namespace Lode.ObjectStorage;

/// <summary>Listing: ListObjectsV2, page by page.</summary>
public sealed partial class S3ObjectStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Pages through ListObjectsV2 (up to 1,000 keys a request, each page retried on its own). S3 lists in UTF-8
    /// byte order, which is ordinal order for valid keys. Keys under the prefix that are not valid object keys are
    /// skipped.
    /// </remarks>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectDisposedException.ThrowIf(_disposed, this);
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request
            {
                BucketName = _options.Bucket,
                Prefix = _prefix + prefix,
                ContinuationToken = continuation,
                MaxKeys = _options.ListPageSize,
            };
            var page = await Send(prefix, "list objects with prefix", token => _client.Value.ListObjectsV2Async(request, token), cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                string key = item.Key[_prefix.Length..];
                if (ObjectKey.IsValid(key))
                {
                    var modified = item.LastModified is { } time ? new DateTimeOffset(time.ToUniversalTime()) : DateTimeOffset.UnixEpoch;
                    yield return new ObjectInfo(key, item.Size ?? 0, modified);
                }
            }
            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuation is not null);
    }
}
