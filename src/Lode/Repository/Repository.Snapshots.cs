using System.Text.RegularExpressions;
using Lode.ObjectStorage;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>Every snapshot of the repository, oldest first (by time, then id). A snapshot whose manifest cannot be
    /// read is left out (damage stays with what depends on it) and recorded in <see cref="DamagedManifests"/>.</summary>
    public IReadOnlyList<SnapshotManifest> ListSnapshots() =>
        InOrder(Sync(Task.Run(async () => await ReadManifestsAsync(await ListSnapshotIdsAsync()))));

    /// <summary>The most bytes a manifest may have (they hold about a kilobyte of JSON): a larger object under
    /// <c>snapshots/</c> is damage, recorded without being read.</summary>
    internal const long MaxManifestBytes = 1 << 20;

    /// <summary>The ids under <c>snapshots/</c>: one listing of the store, no manifest read. Objects larger than
    /// <see cref="MaxManifestBytes"/> are left out and recorded in <see cref="DamagedManifests"/>.</summary>
    internal async Task<List<string>> ListSnapshotIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var info in _store.ListAsync(ObjectKeys.SnapshotsPrefix))
        {
            if (info.Length > MaxManifestBytes)
            {
                _damagedManifests[info.Key] = $"{info.Key} is corrupt: {info.Length} bytes, more than the {MaxManifestBytes} a manifest may have.";
                continue;
            }
            ids.Add(info.Key[ObjectKeys.SnapshotsPrefix.Length..]);
        }
        return ids;
    }

    /// <summary>
    /// The objects under <c>snapshots/</c> that listings found damaged (unreadable, not a manifest, or naming other
    /// objects than its own), each with what is wrong: their snapshots are left out of every listing, so the rest of the
    /// repository stays usable; <c>lode check</c> reports them. Thread-safe.
    /// </summary>
    public IReadOnlyList<(string Key, string Problem)> DamagedManifests =>
        [.. _damagedManifests.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, d.Value))];

    /// <summary>Reads the manifests of <paramref name="ids"/>, in parallel (on a remote store each read is a round trip),
    /// leaving out and recording in <see cref="DamagedManifests"/> those that cannot be read.</summary>
    internal async Task<SnapshotManifest[]> ReadManifestsAsync(IReadOnlyList<string> ids)
    {
        var read = new SnapshotManifest?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) =>
            {
                try
                {
                    read[i] = await ReadManifestAsync(ids[i]);
                }
                catch (CorruptDataException e)
                {
                    _damagedManifests[ObjectKeys.Manifest(ids[i])] = e.Message;
                }
            });
        return [.. read.OfType<SnapshotManifest>()];
    }

    /// <summary>Snapshots in the order every listing shows them: oldest first, by time, then id.</summary>
    internal static IReadOnlyList<SnapshotManifest> InOrder(IEnumerable<SnapshotManifest> manifests) =>
        [.. manifests.OrderBy(m => m.Time).ThenBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>
    /// Finds the snapshot that <paramref name="spec"/> names: <c>latest</c>, a full id, a unique id prefix, or a
    /// tag (the newest snapshot with that tag).
    /// </summary>
    /// <remarks>A remote repository whose reused listing (see <see cref="RepositoryOptions.ListingTtl"/>) names no
    /// such snapshot is listed again before the spec is refused.</remarks>
    /// <exception cref="LodeException">Nothing matches, or an id prefix is ambiguous.</exception>
    public SnapshotManifest ResolveSnapshot(string spec)
    {
        try
        {
            return ResolveAmong(ListSnapshots(), spec);
        }
        catch (LodeException) when (DropReusedListing())
        {
            return ResolveAmong(ListSnapshots(), spec);
        }
    }

    /// <summary>
    /// Forgets the listing a remote repository reused from an earlier command, so the next listing asks the store;
    /// false when there is nothing newer to learn (a local repository, or a listing this repository took itself).
    /// </summary>
    internal bool DropReusedListing() => _store is RemoteObjectStore remote && remote.DropReusedListing();

    /// <summary>Finds the snapshot <paramref name="spec"/> names among <paramref name="all"/> (in <see cref="InOrder"/>).</summary>
    /// <exception cref="LodeException">Nothing matches, an id prefix is ambiguous, or the spec is both a tag and the
    /// id prefix of another snapshot.</exception>
    internal SnapshotManifest ResolveAmong(IReadOnlyList<SnapshotManifest> all, string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (all.Count == 0)
        {
            throw new LodeException($"The repository at {Location} has no snapshots yet; take one with 'lode snapshot DIR'.");
        }
        if (spec == "latest")
        {
            return all[^1];
        }
        var byId = all.Where(m => m.Id.StartsWith(spec, StringComparison.Ordinal)).ToList();
        var byTag = all.LastOrDefault(m => m.Tag == spec);
        if (byId.Count == 1 && spec.Length >= MinIdPrefix)
        {
            if (byTag is not null && byTag.Id != byId[0].Id && byId[0].Id != spec)
            {
                throw new LodeException($"'{spec}' is both the tag of snapshot {byTag.ShortId} and the id prefix of snapshot {byId[0].ShortId}; give the full id of the one you mean.");
            }
            return byId[0];
        }
        if (byTag is not null)
        {
            return byTag;
        }
        if (byId.Count > 1)
        {
            throw new LodeException($"The id prefix '{spec}' matches {byId.Count} snapshots; give more digits.");
        }
        if (byId.Count == 1)
        {
            throw new LodeException($"The id prefix '{spec}' is too short; give at least 4 digits.");
        }
        throw new LodeException($"No snapshot '{spec}' in {Location}: give an id, an id prefix, a tag, or 'latest' (see 'lode snapshots').");
    }

    internal async Task<SnapshotManifest> ReadManifestAsync(string id)
    {
        string key = ObjectKeys.Manifest(id);
        var manifest = ParseJson(OpenObjectBytes(key, await _store.GetAsync(key)), LodeJsonContext.Default.SnapshotManifest, key);
        if (manifest.Id != id || !IdPattern().IsMatch(id) || manifest.DataKey != ObjectKeys.Data(id) || (manifest.IndexKey is not null && manifest.IndexKey != ObjectKeys.Index(id)))
        {
            throw new CorruptDataException($"{key} is corrupt: its id or object keys do not match its name.");
        }
        return manifest;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    internal static partial Regex IdPattern();
}
