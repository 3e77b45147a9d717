using Lode.Metadata;

namespace Lode;

public sealed partial class SnapshotCatalog
{
    /// <summary>
    /// Brings the catalog in line with the store's list of <c>snapshots/</c> (one listing; the repository's objects
    /// are the truth): summaries of snapshots the store no longer has are deleted, then their paths; paths left without
    /// a summary by a crash are deleted unless their snapshot exists; snapshots the catalog lacks get a summary from
    /// their manifest (their paths follow on first listing). <paramref name="pending"/> is left to the caller.
    /// </summary>
    /// <exception cref="CorruptDataException">A manifest the catalog lacked is unreadable.</exception>
    private void Synchronize(SnapshotManifest? pending)
    {
        var stored = Repository.Sync(Task.Run(_repository.ListSnapshotIdsAsync)).ToHashSet(StringComparer.Ordinal);
        foreach (string id in _snapshots.Keys.Where(id => !stored.Contains(id)).ToList())
        {
            // The summary first: a crash between the two leaves paths without a summary, which the next open deletes.
            _store.Delete(CatalogKeys.Snap(id));
            _snapshots.Remove(id);
            CatalogTree.DeleteAll(_store, CatalogKeys.TreeRoot(id));
            SnapshotsRemoved++;
        }
        foreach (string id in TreeIds().Where(id => !stored.Contains(id)).ToList())
        {
            CatalogTree.DeleteAll(_store, CatalogKeys.TreeRoot(id));
        }
        var missing = stored.Where(id => !_snapshots.ContainsKey(id) && id != pending?.Id).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        foreach (var manifest in Repository.Sync(Task.Run(() => _repository.ReadManifestsAsync(missing))))
        {
            _store.Put(CatalogKeys.Snap(manifest.Id), CatalogValues.EncodeSummary(manifest, CatalogTreeState.Missing));
            _snapshots[manifest.Id] = new CatalogSnapshot(manifest, CatalogTreeState.Missing);
            SnapshotsAdded++;
        }
    }

    /// <summary>The snapshot ids that have paths in the catalog: one delimiter scan of <c>tree/</c>, one entry per id.</summary>
    private IEnumerable<string> TreeIds() =>
        _store.Scan(new ScanOptions { Prefix = "tree/"u8.ToArray(), Delimiter = (byte)'/', KeysOnly = true })
            .Where(e => e.IsCommonPrefix)
            .Select(e => e.KeyText[CatalogKeys.TreePrefix.Length..^1]);

    /// <summary>
    /// Records the paths of <paramref name="manifest"/>'s snapshot from its file table, then (last) its summary, so a
    /// crash part-way leaves no summary that claims paths it lacks. Returns false when the table is over the store's
    /// limits: the summary then says so and listings read the file table.
    /// </summary>
    internal bool Record(SnapshotManifest manifest, FileTable table)
    {
        var state = CatalogTree.Fits(manifest.Id, table) ? CatalogTreeState.Recorded : CatalogTreeState.TooLarge;
        if (state == CatalogTreeState.Recorded)
        {
            PathsRecorded += CatalogTree.Write(_store, manifest.Id, table);
        }
        _store.Put(CatalogKeys.Snap(manifest.Id), CatalogValues.EncodeSummary(manifest, state));
        _snapshots[manifest.Id] = new CatalogSnapshot(manifest, state);
        return state == CatalogTreeState.Recorded;
    }

    /// <summary>Paths this object recorded.</summary>
    internal long PathsRecorded { get; private set; }

    /// <summary>
    /// Makes sure the paths of <paramref name="manifest"/> are recorded, reading its file table when they are not.
    /// Returns null when listings can use the catalog, or the file table when it is too large for the catalog.
    /// </summary>
    /// <exception cref="CorruptDataException">The snapshot's container or file table is damaged.</exception>
    private FileTable? EnsureTree(SnapshotManifest manifest)
    {
        var state = _snapshots.TryGetValue(manifest.Id, out var known) ? known.Tree : CatalogTreeState.Missing;
        if (state == CatalogTreeState.Recorded)
        {
            return null;
        }
        using var view = _repository.OpenSnapshot(manifest);
        return state == CatalogTreeState.Missing && Record(manifest, view.Files) ? null : view.Files;
    }
}
