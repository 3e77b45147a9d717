namespace Lode;

/// <summary>What a snapshot checks before it reads a single file, so that what would fail at the end fails first.</summary>
public sealed partial class Repository
{
    /// <summary>The fewest hex digits that name a snapshot by id prefix.</summary>
    private const int MinIdPrefix = 4;

    /// <summary>
    /// Refuses an unusable <paramref name="tag"/>, or one ambiguous among <paramref name="snapshots"/>, then proves the store takes writes: it puts and
    /// deletes the empty object <c>tmp/&lt;id&gt;</c> (docs/format.md), so a read-only repository is found before the
    /// tree is read rather than after.
    /// </summary>
    /// <exception cref="LodeException">The tag is refused.</exception>
    /// <exception cref="Lode.ObjectStorage.ObjectStoreException">The store refuses writes.</exception>
    private void CheckBeforeReading(string id, string? tag, IReadOnlyList<SnapshotManifest> snapshots)
    {
        if (tag is not null)
        {
            CheckTag(tag, snapshots);
        }
        string probe = ObjectKeys.WriteProbe(id);
        using (var empty = new MemoryStream())
        {
            Sync(_store.PutAsync(probe, empty));
        }
        Sync(_store.DeleteAsync(probe));
    }

    /// <summary>
    /// Refuses a tag that cannot name its snapshot: empty, <c>latest</c>, holding <c>:</c> (which ends the snapshot
    /// part of <c>SNAP:PATH</c>) or a control character (a newline would break listings), or the id prefix of a
    /// snapshot of <paramref name="all"/> (<see cref="ResolveAmong"/> would have to refuse it).
    /// </summary>
    /// <exception cref="LodeException">The tag is refused; the message says why.</exception>
    internal static void CheckTag(string tag, IReadOnlyList<SnapshotManifest> all)
    {
        ArgumentNullException.ThrowIfNull(tag);
        string? problem = tag.Length == 0 ? "it is empty"
            : tag == "latest" ? "'latest' always names the newest snapshot"
            : tag.Contains(':', StringComparison.Ordinal) ? "':' separates the snapshot from the path in SNAP:PATH"
            : tag.Any(char.IsControl) ? "it holds a control character such as a newline or a tab"
            : IdPrefixOf(tag, all) is { } other ? $"it is also the id prefix of snapshot {other.ShortId}"
            : null;
        if (problem is not null)
        {
            throw new LodeException($"Cannot tag a snapshot '{tag}': {problem}. Choose another tag.");
        }
    }

    /// <summary>The snapshot of <paramref name="all"/> whose id starts with <paramref name="spec"/>, when it is long
    /// enough to be an id prefix and names exactly one.</summary>
    private static SnapshotManifest? IdPrefixOf(string spec, IReadOnlyList<SnapshotManifest> all)
    {
        if (spec.Length < MinIdPrefix)
        {
            return null;
        }
        var matches = all.Where(m => m.Id.StartsWith(spec, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>The local directories this repository writes: its own directory (a local repository), the disk cache
    /// (a remote one) and the catalog's directory. A snapshot never reads them (<see cref="WalkFilter"/>).</summary>
    private IEnumerable<string> OwnDirectories()
    {
        if (RepositoryLocation.Parse(Location).LocalPath is { } local)
        {
            yield return local;
        }
        if (_store is RemoteObjectStore remote)
        {
            yield return remote.CacheDirectory;
        }
        if (_catalogSettings is not null)
        {
            yield return _catalogSettings.Directory;
        }
    }
}
