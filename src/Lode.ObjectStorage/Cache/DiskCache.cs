using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// A local disk tier in front of an <see cref="IObjectStore"/> that turns immutable remote objects into local,
/// memory-mapped files. Concurrent cold opens of one object share one fetch; a cold fetch pulls the object with
/// parallel range GETs into a temp file that is fsynced, linked into place and mapped; a byte budget is kept with
/// LRU eviction that skips pinned entries and entries with open readers; objects that do not fit are read with
/// range requests; writers can insert what they just uploaded; idle mappings give their pages back; and the
/// directory survives a restart.
/// </summary>
/// <remarks>
/// <para>Design after infino's <c>DiskCacheStore</c>, with three changes: memory stays bounded during a fetch
/// (the reference held a hybrid-mode object in RAM), the cache is found again after a restart (the reference lost
/// it), and racing writers of one key never share a temp file nor delete each other's entry.</para>
/// <para>Entries are named by scope and key: the scope says which store an object came from (e.g.
/// <c>s3://bucket/prefix</c>), so that one cache directory can serve many stores. The cache assumes objects do not
/// change once written: a hit is served without asking the store, so an object deleted or replaced remotely stays
/// readable from the cache until evicted or <see cref="Invalidate"/>d.</para>
/// <para>Thread-safe. Several processes may share a directory (entries appear atomically and are never modified;
/// temp files are locked while written); each process enforces the budget over what it sees.</para>
/// </remarks>
public sealed partial class DiskCache : IDisposable
{
    private const int MaxAcquireAttempts = 3;

    private readonly DiskCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly string _entriesDirectory;
    private readonly string _tempDirectory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ColdFetch> _fetches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pins = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private readonly ITimer? _sweepTimer;
    private long _usedBytes;
    private long _clock;
    private long _coldFetches;
    private long _evictions;
    private long _hits;
    private long _rangeOnlyReads;
    private long _warmInserts;
    private long _idleSweeps;
    private bool _disposed;

    private DiskCache(string directory, DiskCacheOptions options)
    {
        Directory = directory;
        _options = options;
        _time = options.TimeProvider;
        _entriesDirectory = Path.Join(directory, "entries");
        _tempDirectory = Path.Join(directory, "tmp");
        Recover();
        if (options.IdleThreshold != Timeout.InfiniteTimeSpan)
        {
            var period = options.IdleThreshold / 2;
            _sweepTimer = _time.CreateTimer(_ => Sweep(), null, period, period);
        }
    }

    /// <summary>The cache directory, as a full path.</summary>
    public string Directory { get; }

    /// <summary>A snapshot of the cache's size and counters.</summary>
    public DiskCacheStats Stats
    {
        get
        {
            lock (_lock)
            {
                return new DiskCacheStats(_entries.Count, _usedBytes, _options.BudgetBytes, _coldFetches, _evictions,
                    _hits, _rangeOnlyReads, _warmInserts, _idleSweeps);
            }
        }
    }

    /// <summary>
    /// Opens the cache in <paramref name="directory"/> (created when missing): finds the entries a previous run
    /// left, removes entry files that are truncated or torn and temp files of crashed writers, and evicts down to
    /// the budget if it shrank.
    /// </summary>
    /// <exception cref="ArgumentException">The directory path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ObjectStorePermanentException">The directory cannot be created or read.</exception>
    public static DiskCache Open(string directory, DiskCacheOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new DiskCache(Path.GetFullPath(directory), options);
    }

    /// <summary>
    /// Opens a reader of object <paramref name="key"/> of <paramref name="store"/>: from the cache when the object
    /// is there (a hit), otherwise as <paramref name="mode"/> says. Concurrent cold opens of one object share one
    /// fetch; a failed fetch is not remembered, and the next open tries again. An object larger than the budget,
    /// or one for which no room can be made, is served with range requests.
    /// </summary>
    /// <param name="store">The store the object lives in.</param>
    /// <param name="scope">Names the store among all stores that share this cache, e.g. <c>s3://bucket/prefix</c>.</param>
    /// <param name="key">The object's key.</param>
    /// <param name="mode">What a cold open does; see <see cref="CacheMode"/>.</param>
    /// <param name="hints">For a lazy cold open: ranges to fetch at once, in parallel, and serve from memory until the fill completes (at most <see cref="DiskCacheOptions.MaxHintBytes"/> in all; the rest are ignored).</param>
    /// <param name="cancellationToken">Cancels this caller's wait; a fetch shared with other callers goes on.</param>
    /// <returns>A thread-safe reader the caller owns and must dispose; while it is open the entry is not evicted.
    /// Reads that go to the store throw the store's typed <see cref="ObjectStoreException"/>s.</returns>
    /// <exception cref="ObjectNotFoundException">The object does not exist.</exception>
    /// <exception cref="ObjectStoreException">The store failed the fetch, or the cache directory failed.</exception>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    public async ValueTask<IByteSource> OpenAsync(IObjectStore store, string scope, string key, CacheMode mode,
        IReadOnlyList<ByteRange>? hints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scope);
        ObjectKey.Validate(key);
        string name = EntryFile.Name(scope, key);
        bool fetched = false;
        for (int attempt = 0; ; attempt++)
        {
            ColdFetch? fetch = null;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (TryAcquire(name) is { } reader)
                {
                    _hits += fetched ? 0 : 1;
                    return reader;
                }
                if (mode != CacheMode.RangeOnly && attempt < MaxAcquireAttempts && !_fetches.TryGetValue(name, out fetch))
                {
                    fetch = StartFetch(store, scope, key, name);
                }
            }
            if (fetch is null)
            {
                var info = await store.HeadAsync(key, cancellationToken)
                    ?? throw new ObjectNotFoundException($"Object {ObjectKey.Describe(key)} does not exist in {scope}.", key, null);
                return RangeOnly(store, key, info.Length);
            }
            if (mode == CacheMode.Lazy)
            {
                return await OpenLazyAsync(fetch, store, key, hints, cancellationToken);
            }
            if (await fetch.Completion.WaitAsync(cancellationToken) is null)
            {
                return RangeOnly(store, key, await fetch.Length.Task);
            }
            fetched = true;
        }
    }

    /// <summary>Keeps the entry of <paramref name="key"/> from eviction (now or once cached) until a matching <see cref="Unpin"/>. Pins count.</summary>
    public void Pin(string scope, string key)
    {
        string name = EntryFile.Name(scope, key);
        lock (_lock)
        {
            _pins[name] = _pins.GetValueOrDefault(name) + 1;
        }
    }

    /// <summary>Undoes one <see cref="Pin"/>; unpinning a key that is not pinned does nothing.</summary>
    public void Unpin(string scope, string key)
    {
        string name = EntryFile.Name(scope, key);
        lock (_lock)
        {
            if (_pins.TryGetValue(name, out int count))
            {
                if (count <= 1)
                {
                    _pins.Remove(name);
                }
                else
                {
                    _pins[name] = count - 1;
                }
            }
        }
    }

    /// <summary>
    /// Drops the entry of <paramref name="key"/>, if any (after the object was replaced or deleted). Readers already
    /// open keep reading the old bytes; its space is freed when the last of them is disposed.
    /// </summary>
    public void Invalidate(string scope, string key)
    {
        string name = EntryFile.Name(scope, key);
        lock (_lock)
        {
            if (_entries.Remove(name, out var entry))
            {
                Drop(entry);
            }
        }
    }

    /// <summary>Drops every entry (as <see cref="Invalidate"/> does for one). Counters are kept; pins too.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                Drop(entry);
            }
            _entries.Clear();
        }
    }

    /// <summary>
    /// Stops the idle sweep and cancels fetches in flight. Readers already open keep working until disposed.
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        _sweepTimer?.Dispose();
        _closing.Cancel();
        _closing.Dispose();
    }

    /// <summary>A reader that serves every read with a range request, counted as a range-only read.</summary>
    private RangeReadByteSource RangeOnly(IObjectStore store, string key, long length)
    {
        Interlocked.Increment(ref _rangeOnlyReads);
        return new RangeReadByteSource(length, (offset, n, token) => store.GetRangeAsync(key, offset, n, token));
    }

    /// <summary>Removes an entry's file; the bytes stay counted while readers still map it. Caller holds the lock and has removed it from the index.</summary>
    private void Drop(CacheEntry entry)
    {
        TryDelete(entry.Path);
        if (entry.Readers > 0)
        {
            entry.Detached = true;
        }
        else
        {
            _usedBytes -= entry.FileBytes;
        }
    }

    /// <summary>Deletes a file, ignoring failure (a file that stays is found and checked again at the next open).</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            // Best effort, see above.
        }
    }
}
