using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// An <see cref="IObjectStore"/> decorator that reads objects through a <see cref="DiskCache"/> and puts what it
/// writes into the cache as it goes, so that a remote store reads like a local one after first touch.
/// </summary>
/// <remarks>
/// <para><see cref="OpenReadAsync"/> goes through the cache (in the decorator's <see cref="CacheMode"/>); use it
/// for immutable objects only, as the cache does not ask the store again once it holds an object. Head, get,
/// range get and list always ask the store, so small mutable objects (a config, a manifest) are always fresh.</para>
/// <para><see cref="PutAsync"/> and a successful <see cref="PutIfAbsentAsync"/> copy the content into a cache entry
/// while the store reads it (a warm insert, without a second pass over the content); the entry is committed only
/// when the store's put succeeded and read the content to its end, and skipped quietly when the budget has no
/// room. A put first drops any cached copy of the key, and drops it again once the store took the content, just
/// before the copy is committed: a reader may have cached the old object meanwhile, and a cached copy is never
/// replaced by a commit. A put-if-absent that wins drops it then too (a key absent from the store may still be cached
/// after another writer deleted it); one that loses keeps the cached copy, which is the store's object. A delete drops
/// the cached copy after the store deleted the object. A cold fetch of the key that was already running when a put
/// finished may still cache the old object: do not read a key through <see cref="OpenReadAsync"/> while it is being
/// overwritten.</para>
/// <para>Thread-safe. Owns the inner store (disposed with the decorator), not the cache, which many stores may share.</para>
/// </remarks>
/// <param name="inner">The store; owned.</param>
/// <param name="cache">The cache; not owned.</param>
/// <param name="scope">Names <paramref name="inner"/> among the stores sharing the cache, e.g. <c>s3://bucket/prefix</c>. Two stores with different objects must not share a scope.</param>
/// <param name="mode">How <see cref="OpenReadAsync"/> opens an object that is not cached. Default <see cref="CacheMode.Lazy"/>.</param>
public sealed class CachingObjectStore(IObjectStore inner, DiskCache cache, string scope, CacheMode mode = CacheMode.Lazy)
    : DelegatingObjectStore(inner)
{
    private readonly DiskCache _cache = cache ?? throw new ArgumentNullException(nameof(cache));
    private readonly string _scope = scope ?? throw new ArgumentNullException(nameof(scope));

    /// <inheritdoc />
    /// <remarks>Served by <see cref="DiskCache.OpenAsync"/>; see there for hits, cold opens and range-only reads.</remarks>
    public override async Task<IByteSource> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        await _cache.OpenAsync(Inner, _scope, key, mode, hints: null, cancellationToken);

    /// <inheritdoc />
    public override async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        _cache.Invalidate(_scope, key);
        await PutThroughAsync(key, content, async tee => { await Inner.PutAsync(key, tee, cancellationToken); return true; }, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        return await PutThroughAsync(key, content, tee => Inner.PutIfAbsentAsync(key, tee, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await Inner.DeleteAsync(key, cancellationToken);
        _cache.Invalidate(_scope, key);
    }

    /// <summary>
    /// Runs <paramref name="put"/> on a copy-to-cache view of the content; when it stored the content, drops the cached
    /// copy of the key (now stale) and commits the new copy if it holds the whole content.
    /// </summary>
    private async Task<bool> PutThroughAsync(string key, Stream content, Func<Stream, Task<bool>> put, CancellationToken cancellationToken)
    {
        long initial = content.CanSeek ? EntryFile.FileBytes(_scope, key, content.Length - content.Position) : 0;
        await using var writer = CacheWriter.Begin(_cache, _scope, key, initial);
        var tee = writer is null ? null : new TeeReadStream(content, writer);
        if (!await put(tee ?? content))
        {
            return false;
        }
        _cache.Invalidate(_scope, key);
        if (writer is not null && tee is { ReachedEnd: true } && await writer.CommitAsync(tee.BytesRead, cancellationToken) is not null)
        {
            _cache.CountWarmInsert();
        }
        return true;
    }
}
