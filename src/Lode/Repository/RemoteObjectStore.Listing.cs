using System.Runtime.CompilerServices;
using Lode.ObjectStorage;

namespace Lode;

internal sealed partial class RemoteObjectStore
{
    private readonly ListingFile _listingFile;

    /// <summary>
    /// Listings taken before this moment are too old for this store: its open time less the TTL at first, then the
    /// time of its last write or of a dropped listing (guarded by <see cref="_listingLock"/>).
    /// </summary>
    private DateTimeOffset _oldestListing;

    private readonly Lock _listingLock = new();

    /// <summary>The listing in use, being taken, or null: none yet, or a write made it stale.</summary>
    private Task<RemoteListing>? _listing;

    /// <summary>Whether <see cref="_listing"/> came from the listing file rather than from the store.</summary>
    private bool _listingFromFile;

    /// <summary>Bumped by every write that changes a listing (under <see cref="_listingLock"/>); a listing taken across a bump is not kept in the file.</summary>
    private long _generation;

    /// <inheritdoc />
    /// <remarks>Keys under <c>snapshots/</c> and <c>indexes/</c> are answered from the repository's listing (see <see cref="RemoteListing"/>).</remarks>
    public override IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        RemoteListing.Covers(prefix) ? ListFromListingAsync(prefix, cancellationToken) : base.ListAsync(prefix, cancellationToken);

    /// <summary>
    /// Forgets a listing this store read from the listing file (one another command took), so that the next call
    /// lists the store. Returns false when the listing in use was taken by this store (then there is nothing newer to
    /// learn). Commands call it when a snapshot they were asked for is not in the listing.
    /// </summary>
    public bool DropReusedListing()
    {
        lock (_listingLock)
        {
            if (_listing is null || !_listingFromFile)
            {
                return false;
            }
            _listing = null;
            _oldestListing = DateTimeOffset.UtcNow;
            return true;
        }
    }

    private async IAsyncEnumerable<ObjectInfo> ListFromListingAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var info in (await ListingAsync().WaitAsync(cancellationToken)).Under(prefix))
        {
            yield return info;
        }
    }

    /// <summary>The config's bytes, from the listing.</summary>
    /// <exception cref="ObjectNotFoundException">The repository has no config.</exception>
    private async Task<byte[]> ConfigAsync(CancellationToken cancellationToken)
    {
        var listing = await ListingAsync().WaitAsync(cancellationToken);
        return listing.Config.Length > 0 ? listing.Config : throw new ObjectNotFoundException($"{ObjectKeys.Config} does not exist in {_scope}.");
    }

    /// <summary>The listing in use: the one this store took or read, else a young enough one from the file, else a new one.</summary>
    private Task<RemoteListing> ListingAsync()
    {
        lock (_listingLock)
        {
            if (_listing is null || _listing.IsFaulted || _listing.IsCanceled)
            {
                var now = DateTimeOffset.UtcNow;
                if (_listingFile.Read() is { } saved && saved.Taken >= _oldestListing && saved.Taken <= now + ListingFile.ClockSkew)
                {
                    (_listing, _listingFromFile) = (Task.FromResult(saved), true);
                }
                else
                {
                    (_listing, _listingFromFile) = (TakeListingAsync(), false);
                }
            }
            return _listing;
        }
    }

    /// <summary>
    /// Lists the store: the config and every listed prefix, all at once. Keeps the result in the listing file unless a
    /// write changed the store meanwhile or the repository has no config.
    /// </summary>
    private async Task<RemoteListing> TakeListingAsync()
    {
        long generation;
        lock (_listingLock)
        {
            generation = _generation;
        }
        var taken = DateTimeOffset.UtcNow;
        var config = GetConfigOrEmptyAsync();
        var lists = RemoteListing.Prefixes.Select(async prefix =>
        {
            var found = new List<ObjectInfo>();
            await foreach (var info in base.ListAsync(prefix))
            {
                found.Add(info);
            }
            return found;
        }).ToList();
        var listing = new RemoteListing(taken, await config, [.. (await Task.WhenAll(lists)).SelectMany(l => l).OrderBy(o => o.Key, StringComparer.Ordinal)]);
        lock (_listingLock)
        {
            // Under the lock that writes take to bump the generation and delete the file: no write slips between.
            if (listing.Config.Length > 0 && _generation == generation)
            {
                _listingFile.Write(listing);
            }
        }
        return listing;
    }

    private async Task<byte[]> GetConfigOrEmptyAsync()
    {
        try
        {
            return await base.GetAsync(ObjectKeys.Config);
        }
        catch (ObjectNotFoundException)
        {
            return [];
        }
    }

    /// <summary>After a write that changes what a listing holds: this store and the next command list the store again.</summary>
    private void ListingChanged(string key)
    {
        if (!RemoteListing.Affects(key))
        {
            return;
        }
        lock (_listingLock)
        {
            _generation++;
            _listing = null;
            _oldestListing = DateTimeOffset.UtcNow;
            _listingFile.Delete();
        }
    }
}
