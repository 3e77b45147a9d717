using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>Cold fetches: HEAD, reservation, parallel range GETs into a temp file, commit; and lazy opens on top of them.</summary>
public sealed partial class DiskCache
{
    /// <summary>Registers and starts the fetch of <paramref name="key"/>. Caller holds the lock.</summary>
    private ColdFetch StartFetch(IObjectStore store, string scope, string key, string name)
    {
        var fetch = new ColdFetch();
        _fetches[name] = fetch;
        // Taken under the lock, before Dispose can dispose the source; a task that read it later could throw before
        // FetchAsync ran and leave fetch.Length unset, hanging every lazy open waiting on it.
        var closing = _closing.Token;
        fetch.Completion = Task.Run(async () =>
        {
            try
            {
                return await FetchAsync(fetch, store, scope, key, closing);
            }
            finally
            {
                fetch.Length.TrySetCanceled();
                lock (_lock)
                {
                    _fetches.Remove(name);
                }
            }
        });
        // A fetch nobody waits for (its lazy readers went away) must not leave an unobserved exception behind.
        _ = fetch.Completion.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return fetch;
    }

    private async Task<CacheEntry?> FetchAsync(ColdFetch fetch, IObjectStore store, string scope, string key, CancellationToken cancellationToken)
    {
        long length;
        try
        {
            var info = await store.HeadAsync(key, cancellationToken)
                ?? throw new ObjectNotFoundException($"Object {ObjectKey.Describe(key)} does not exist in {scope}.", key, null);
            length = info.Length;
            fetch.Length.SetResult(length);
        }
        catch (Exception e)
        {
            fetch.Length.SetException(e);
            throw;
        }
        await using var writer = CacheWriter.Begin(this, scope, key, EntryFile.FileBytes(scope, key, length));
        if (writer is null)
        {
            return null;
        }
        lock (_lock)
        {
            _coldFetches++;
        }
        var chunks = Enumerable.Range(0, (int)((length + _options.ChunkSize - 1) / _options.ChunkSize));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Streams, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(chunks, parallel, async (chunk, token) =>
        {
            long offset = (long)chunk * _options.ChunkSize;
            int size = (int)Math.Min(_options.ChunkSize, length - offset);
            byte[] bytes = await store.GetRangeAsync(key, offset, size, token);
            if (bytes.Length != size)
            {
                throw ShortRange(key, offset, size, bytes.Length);
            }
            await writer.WriteAtAsync(offset, bytes, token);
        });
        return await writer.CommitAsync(length, cancellationToken);
    }

    private static ObjectStoreTransientException ShortRange(string key, long offset, int size, int got) =>
        new($"The store returned {got} bytes for range [{offset}, {offset + size}) of object {ObjectKey.Describe(key)}; " +
            "nothing was cached. Retry.", key, null);

    /// <summary>A lazy cold open: waits for the object's length and the hinted ranges only, then returns a reader that switches to the entry when the fetch completes.</summary>
    private async Task<IByteSource> OpenLazyAsync(ColdFetch fetch, IObjectStore store, string key, IReadOnlyList<ByteRange>? hints,
        CancellationToken cancellationToken)
    {
        long length = await fetch.Length.Task.WaitAsync(cancellationToken);
        var prefetched = await FetchHintsAsync(store, key, length, hints, cancellationToken);
        var reader = new LazyReader(length, prefetched, (offset, n, token) => store.GetRangeAsync(key, offset, n, token));
        _ = fetch.Completion.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully && t.Result is { } entry && TryOpen(entry) is { } local)
            {
                reader.SwitchTo(local);
            }
            else if (t.IsCompletedSuccessfully)
            {
                Interlocked.Increment(ref _rangeOnlyReads);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return reader;
    }

    /// <summary>Fetches the hinted ranges that lie inside the object, up to the hint budget, in one parallel batch.</summary>
    private async Task<(ByteRange Range, byte[] Bytes)[]> FetchHintsAsync(IObjectStore store, string key, long length,
        IReadOnlyList<ByteRange>? hints, CancellationToken cancellationToken)
    {
        if (hints is null)
        {
            return [];
        }
        var chosen = new List<ByteRange>();
        long total = 0;
        foreach (var hint in hints)
        {
            if (hint.Offset >= 0 && hint.Length > 0 && hint.Offset <= length - hint.Length && total + hint.Length <= _options.MaxHintBytes)
            {
                chosen.Add(hint);
                total += hint.Length;
            }
        }
        return await Task.WhenAll(chosen.Select(async range =>
        {
            byte[] bytes = await store.GetRangeAsync(key, range.Offset, range.Length, cancellationToken);
            return bytes.Length == range.Length ? (range, bytes) : throw ShortRange(key, range.Offset, range.Length, bytes.Length);
        }));
    }
}
