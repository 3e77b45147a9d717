using System.Collections.Concurrent;
using Lode.ObjectStorage;

namespace Lode;

/// <summary>
/// Passes every call to the remote store and remembers the keys whose reads failed, so that a repository closing
/// does not wait for (or start again) the cache fill of an object the store could not deliver. Thread-safe.
/// </summary>
/// <param name="inner">The remote store; owned.</param>
internal sealed class FailureTrackingStore(IObjectStore inner) : DelegatingObjectStore(inner)
{
    private readonly ConcurrentDictionary<string, byte> _failed = new(StringComparer.Ordinal);

    /// <summary>Whether a read of <paramref name="key"/> has failed since the store was created.</summary>
    public bool HasFailed(string key) => _failed.ContainsKey(key);

    /// <inheritdoc />
    public override Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default) =>
        Track(key, base.HeadAsync(key, cancellationToken));

    /// <inheritdoc />
    public override Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default) =>
        Track(key, base.GetRangeAsync(key, offset, length, cancellationToken));

    private async Task<T> Track<T>(string key, Task<T> request)
    {
        try
        {
            return await request;
        }
        catch
        {
            _failed.TryAdd(key, 0);
            throw;
        }
    }
}
