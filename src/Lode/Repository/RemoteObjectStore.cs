using System.Collections.Concurrent;
using Lode.IO;
using Lode.ObjectStorage;

namespace Lode;

/// <summary>
/// The store of a remote repository: a <see cref="CachingObjectStore"/> over the remote store (so puts go up and
/// into the cache at once, and small objects are always fresh), with opens of snapshot containers and search
/// indexes in the <see cref="CacheMode"/> the repository options give each kind, prefetching the ranges that opening
/// them reads. Disposing it waits for the background fills of lazy opens to finish, so that a short-lived process
/// (one <c>lode search</c>) leaves the objects it touched cached for the next one. The config and the keys under
/// <c>snapshots/</c> and <c>indexes/</c> come from a <see cref="RemoteListing"/> taken at most once per store and
/// reused across commands for <see cref="RepositoryOptions.ListingTtl"/>: a command that finds everything it needs in
/// the cache sends no request at all.
/// </summary>
/// <remarks>Thread-safe. Owns the remote store and the cache.</remarks>
internal sealed partial class RemoteObjectStore : DelegatingObjectStore
{
    /// <summary>Manifests are a few hundred bytes of JSON; a larger object under <c>snapshots/</c> is not read into memory.</summary>
    private const int MaxManifestBytes = 16 << 20;

    private static readonly string DataPrefix = ObjectKeys.Data("");
    private static readonly string IndexPrefix = ObjectKeys.Index("");

    private readonly FailureTrackingStore _remote;
    private readonly DiskCache _cache;
    private readonly string _scope;
    private readonly RepositoryOptions _options;
    private readonly ConcurrentDictionary<string, byte> _filling = new(StringComparer.Ordinal);

    /// <summary>Builds the store; takes ownership of <paramref name="remote"/> and <paramref name="cache"/>.</summary>
    /// <param name="remote">The remote store (S3, maybe decorated).</param>
    /// <param name="cache">The disk cache.</param>
    /// <param name="scope">The repository's cache scope (<see cref="StoreFactory.Scope"/>).</param>
    /// <param name="options">The read modes of containers and indexes.</param>
    public RemoteObjectStore(IObjectStore remote, DiskCache cache, string scope, RepositoryOptions options)
        : this(new FailureTrackingStore(remote), cache, scope, options)
    {
    }

    private RemoteObjectStore(FailureTrackingStore remote, DiskCache cache, string scope, RepositoryOptions options)
        : base(new CachingObjectStore(remote, cache, scope))
    {
        _remote = remote;
        _cache = cache;
        _scope = scope;
        _options = options;
        _listingFile = new ListingFile(cache.Directory, scope);
        _oldestListing = DateTimeOffset.UtcNow - options.ListingTtl;
    }

    /// <inheritdoc />
    /// <remarks>Opens in the mode of the key's kind; a store opened without a known length gets no prefetch.</remarks>
    public override async Task<IByteSource> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        await OpenAsync(key, expectedLength: null, cancellationToken);

    /// <summary>
    /// Opens <paramref name="key"/> through the cache in the mode its kind calls for. With the object's
    /// <paramref name="expectedLength"/> (from a manifest), a lazy open fetches the head and tail ranges in its first
    /// batch, and a range-only open reads them up front (<see cref="PrefetchedRanges"/>). Lazy and range-only readers
    /// serve small reads from blocks (<see cref="SmallReadCache"/>), so a binary search costs fewer round trips.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">The object does not exist.</exception>
    /// <exception cref="ObjectStoreException">The store or the cache failed.</exception>
    public async Task<IByteSource> OpenAsync(string key, long? expectedLength, CancellationToken cancellationToken = default)
    {
        var mode = key.StartsWith(DataPrefix, StringComparison.Ordinal) ? _options.DataReads
            : key.StartsWith(IndexPrefix, StringComparison.Ordinal) ? _options.IndexReads
            : CacheMode.Lazy;
        var hints = mode == CacheMode.Lazy && expectedLength is { } length ? PrefetchedRanges.Hints(length) : null;
        var source = await _cache.OpenAsync(_remote, _scope, key, mode, hints, cancellationToken);
        if (mode == CacheMode.Lazy)
        {
            _filling.TryAdd(key, 0);
        }
        if (mode == CacheMode.Eager)
        {
            return source;
        }
        return new SmallReadCache(mode == CacheMode.RangeOnly && expectedLength is not null ? PrefetchedRanges.Open(source) : source);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Snapshot manifests are read through the cache: they never change once written (put-if-absent), and a command
    /// that resolves a snapshot reads every one of them. The config comes from the repository's listing (see
    /// <see cref="RemoteListing"/>). Other objects are asked of the store.
    /// </remarks>
    public override async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key == ObjectKeys.Config)
        {
            return await ConfigAsync(cancellationToken);
        }
        if (!key.StartsWith(ObjectKeys.SnapshotsPrefix, StringComparison.Ordinal))
        {
            return await base.GetAsync(key, cancellationToken);
        }
        using var source = await _cache.OpenAsync(_remote, _scope, key, CacheMode.Eager, hints: null, cancellationToken);
        if (source.Length > MaxManifestBytes)
        {
            throw new CorruptDataException($"{key} in {_scope} is corrupt: {source.Length} bytes is too large for a snapshot manifest.");
        }
        return source.ReadBytes(0, (int)source.Length);
    }

    /// <summary>The directory of the disk cache the repository is read through.</summary>
    public string CacheDirectory => _cache.Directory;

    /// <inheritdoc />
    public override async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        try
        {
            await base.PutAsync(key, content, cancellationToken);
        }
        finally
        {
            ListingChanged(key);
        }
    }

    /// <inheritdoc />
    public override async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.PutIfAbsentAsync(key, content, cancellationToken);
        }
        finally
        {
            ListingChanged(key);
        }
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await base.DeleteAsync(key, cancellationToken);
        }
        finally
        {
            ListingChanged(key);
        }
    }

    /// <summary>Waits for the fills of lazy opens, then closes the cache and the remote store.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CompleteFills();
            _cache.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// Waits until every object this store opened lazily is cached: an eager open joins the fill in flight (or finds
    /// the entry). Objects whose reads failed are skipped, and a fill that fails now is left for the next run.
    /// </summary>
    private void CompleteFills()
    {
        foreach (string key in _filling.Keys)
        {
            if (_remote.HasFailed(key))
            {
                continue;
            }
            try
            {
                Repository.Sync(_cache.OpenAsync(_remote, _scope, key, CacheMode.Eager).AsTask()).Dispose();
            }
            catch (ObjectStoreException)
            {
                // Best effort: nothing half-fetched is ever cached, and the next run fetches the object again.
            }
        }
    }
}
