using Lode.Metadata;
using Lode.ObjectStorage;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>Where this repository's catalog lives; null: in memory only (see <see cref="RepositoryOptions.Catalog"/>).</summary>
    private CatalogSettings? _catalogSettings;

    /// <summary>
    /// Opens the repository's catalog (see <see cref="SnapshotCatalog"/>): one listing of the store's snapshots, then
    /// what the catalog lacks is added from the manifests and what the store no longer has is dropped. A missing,
    /// damaged or unknown catalog is rebuilt by itself, with one line to <see cref="CatalogSettings.Notice"/>; a
    /// catalog another process has open is replaced by one in memory. The caller owns the catalog and must dispose it.
    /// </summary>
    /// <exception cref="CorruptDataException">A manifest the catalog lacked is unreadable.</exception>
    /// <exception cref="ObjectStoreException">The store's snapshots could not be listed.</exception>
    public SnapshotCatalog OpenCatalog() => SnapshotCatalog.Open(this, _catalogSettings);

    /// <summary>
    /// Recreates the catalog from the repository's objects: every snapshot's manifest and file table. Does nothing for
    /// an encrypted repository or without <see cref="RepositoryOptions.Catalog"/> (the result says so: its
    /// <see cref="CatalogRebuildResult.Directory"/> is null). Not safe to call concurrently on one instance.
    /// </summary>
    /// <param name="progress">Told after each snapshot, or null.</param>
    /// <exception cref="LodeException">Another process has the catalog open, or it cannot be written.</exception>
    /// <exception cref="CorruptDataException">A snapshot is damaged.</exception>
    public CatalogRebuildResult RebuildCatalog(IProgress<CatalogProgress>? progress = null) =>
        SnapshotCatalog.Rebuild(this, _catalogSettings, progress);

    /// <summary>Sets where the catalog lives (from <see cref="RepositoryOptions.Catalog"/>); returns this repository.</summary>
    internal Repository WithCatalog(CatalogSettings? settings)
    {
        _catalogSettings = settings;
        return this;
    }

    /// <summary>
    /// Records a snapshot whose manifest was just stored in the catalog on disk (not for encrypted repositories, whose
    /// catalog lives in memory). Never fails the snapshot: a catalog that cannot be updated is caught up by the next
    /// command that opens it.
    /// </summary>
    private void RecordInCatalog(SnapshotManifest manifest, FileTable table)
    {
        if (_catalogSettings is null || IsEncrypted)
        {
            return;
        }
        try
        {
            using var catalog = SnapshotCatalog.Open(this, _catalogSettings, manifest);
            if (catalog.IsPersistent)
            {
                catalog.Record(manifest, table);
            }
        }
        catch (Exception e) when (e is LodeException or MetadataException or ObjectStoreException or IOException or UnauthorizedAccessException)
        {
            _catalogSettings.Notice?.Invoke($"catalog not updated: {e.Message} The next command catches up.");
        }
    }
}
