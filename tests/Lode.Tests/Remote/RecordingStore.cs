using System.Collections.Concurrent;
using Lode.ObjectStorage;

namespace Lode.Tests.Remote;

/// <summary>
/// A test decorator below the cache: records every request (the key, or "list PREFIX") and every range GET (key,
/// offset, length), can run a hook before a range GET (to kill the server mid-fetch), and can refuse puts of keys with
/// a given prefix.
/// </summary>
internal sealed class RecordingStore(IObjectStore inner) : DelegatingObjectStore(inner)
{
    public ConcurrentQueue<(string Key, long Offset, int Length)> Ranges { get; } = new();

    /// <summary>Every request that reached the store: its key, or "list PREFIX" for a listing.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Runs before each range GET with the number of range GETs so far (1 for the first).</summary>
    public Action<string, int>? BeforeRange { get; init; }

    /// <summary>Puts of keys starting with this fail with a permanent error.</summary>
    public string? FailPutsOf { get; init; }

    private int _count;

    public IEnumerable<(string Key, long Offset, int Length)> RangesOf(string key) => Ranges.Where(r => r.Key == key);

    public override Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        BeforeRange?.Invoke(key, Interlocked.Increment(ref _count));
        Ranges.Enqueue((key, offset, length));
        return base.GetRangeAsync(key, offset, length, cancellationToken);
    }

    public override IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue("list " + prefix);
        return base.ListAsync(prefix, cancellationToken);
    }

    protected override ValueTask BeforeRequestAsync(string key, CancellationToken cancellationToken)
    {
        Requests.Enqueue(key);
        return ValueTask.CompletedTask;
    }

    public override Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default) =>
        FailPutsOf is { } prefix && key.StartsWith(prefix, StringComparison.Ordinal)
            ? throw new ObjectStorePermanentException($"injected: put of {key} refused", key, null)
            : base.PutAsync(key, content, cancellationToken);
}
