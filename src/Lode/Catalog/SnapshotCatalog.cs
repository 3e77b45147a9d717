using Lode.Metadata;

namespace Lode;

/// <summary>
/// A repository's catalog: every snapshot's manifest and every path of every snapshot in a <see cref="MetadataStore"/>,
/// so <c>lode snapshots</c> reads no manifest and <c>lode ls</c> lists a directory with one delimiter scan, without
/// opening the snapshot (docs/format.md, "Catalog"). Derived data: the repository's objects are the truth; opening
/// compares the catalog with the store's list of snapshots and adds or drops what differs, and a missing, damaged or
/// unknown catalog is rebuilt by itself. Obtained from <see cref="Repository.OpenCatalog"/>.
/// </summary>
/// <remarks>
/// <para>On disk under <see cref="CatalogSettings.Directory"/><c>/catalogs/&lt;repository id&gt;/</c>, except for
/// encrypted repositories (a catalog on disk would hold their file names in the clear), when no settings are given,
/// and when another process has the catalog open: then it lives in memory for this object's lifetime only, filled
/// from the manifests and, on first listing, from the snapshot's file table (<see cref="IsPersistent"/> is false).</para>
/// <para>A snapshot's paths are recorded when it is taken, else on its first listing (the file table is read once),
/// else by <see cref="Repository.RebuildCatalog"/>. The whole store is memory-resident while open (Lode.Metadata's
/// first stage): about 175 bytes per recorded path.</para>
/// <para>Not thread-safe: one command's object. Dispose it to release the catalog's lock.</para>
/// </remarks>
public sealed partial class SnapshotCatalog : IDisposable
{
    private readonly Repository _repository;
    private readonly CatalogSettings? _settings;
    private readonly Dictionary<string, CatalogSnapshot> _snapshots = new(StringComparer.Ordinal);
    private MetadataStore _store = null!;

    private SnapshotCatalog(Repository repository, CatalogSettings? settings)
    {
        _repository = repository;
        _settings = settings;
    }

    /// <summary>The catalog's directory; null when it lives in memory only.</summary>
    public string? Directory => _store.Directory;

    /// <summary>Whether the catalog is kept on disk (see the remarks for when it is not).</summary>
    public bool IsPersistent => Directory is not null;

    /// <summary>Why the catalog lives in memory only (encrypted repository, in use by another process, …); null when on disk.</summary>
    public string? MemoryReason { get; private set; }

    /// <summary>Why opening rebuilt the catalog (it was missing, damaged, or of an unknown format); null when it did not.</summary>
    public string? RebuildReason { get; private set; }

    /// <summary>Snapshots this object added to the catalog (taken since it was last opened, or all of them after a rebuild).</summary>
    public int SnapshotsAdded { get; private set; }

    /// <summary>Snapshots this object dropped from the catalog because the repository no longer has them.</summary>
    public int SnapshotsRemoved { get; private set; }

    /// <summary>Every snapshot, oldest first (by time, then id), as <see cref="Repository.ListSnapshots"/> lists them.</summary>
    public IReadOnlyList<SnapshotManifest> ListSnapshots() => Repository.InOrder(_snapshots.Values.Select(s => s.Manifest));

    /// <summary>Finds the snapshot <paramref name="spec"/> names, as <see cref="Repository.ResolveSnapshot(string)"/> does.</summary>
    /// <exception cref="LodeException">Nothing matches, or an id prefix is ambiguous.</exception>
    public SnapshotManifest ResolveSnapshot(string spec)
    {
        try
        {
            return _repository.ResolveAmong(ListSnapshots(), spec);
        }
        catch (LodeException) when (_repository.DropReusedListing())
        {
            Synchronize(pending: null);
            return _repository.ResolveAmong(ListSnapshots(), spec);
        }
    }

    /// <summary>
    /// Lists <paramref name="path"/> (leading '/' optional) of <paramref name="snapshot"/>: a directory's direct children
    /// in path order (names bytewise), or the entry itself when it is not a directory. Entries carry path, kind,
    /// mode, modification time, size, data offset and link target (no hash, inode or search blob). Reads the
    /// snapshot's file table only when its paths are not recorded yet, and records them then.
    /// </summary>
    /// <exception cref="LodeException">No such path in the snapshot, or the path has a '..' component.</exception>
    /// <exception cref="CorruptDataException">The paths had to be read from the snapshot, and it is damaged.</exception>
    public IReadOnlyList<FileEntry> List(SnapshotManifest snapshot, string path)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        string normalized = SnapshotPath.Normalize(path);
        try
        {
            return ListOnce(snapshot, normalized);
        }
        catch (CatalogFormatException e)
        {
            Repair(e.Message);
            return ListOnce(snapshot, normalized);
        }
    }

    /// <summary>Releases the catalog: its log is flushed and its lock released. Never throws: the catalog is derived data.</summary>
    public void Dispose()
    {
        try
        {
            _store?.Dispose();
        }
        catch (MetadataException e)
        {
            Notice($"catalog not saved: {e.Message}");
        }
    }

    private IReadOnlyList<FileEntry> ListOnce(SnapshotManifest snapshot, string path)
    {
        if (EnsureTree(snapshot) is { } table)
        {
            return table.TryGet(path, out var found)
                ? found.Kind == FileKind.Directory ? [.. table.Children(path)] : [found]
                : throw NoSuchPath(snapshot, path);
        }
        var entry = CatalogTree.Find(_store, snapshot.Id, path) ?? throw NoSuchPath(snapshot, path);
        return entry.Kind == FileKind.Directory ? CatalogTree.Children(_store, snapshot.Id, path) : [entry];
    }

    private static LodeException NoSuchPath(SnapshotManifest snapshot, string path) => new($"No '{path}' in snapshot {snapshot.ShortId}.");

    private void Notice(string message) => _settings?.Notice?.Invoke(message);
}
