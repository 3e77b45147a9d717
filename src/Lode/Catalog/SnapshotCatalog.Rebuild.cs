using System.Diagnostics;
using Lode.Metadata;

namespace Lode;

public sealed partial class SnapshotCatalog
{
    /// <summary>
    /// Recreates the catalog of <paramref name="repository"/> from its objects: every key is deleted (a damaged
    /// catalog is moved aside instead), then every snapshot's manifest and file table are recorded, oldest first, and
    /// a checkpoint makes the next open load the image rather than replay the log.
    /// </summary>
    /// <exception cref="LodeException">Another process has the catalog open, or its directory cannot be written.</exception>
    /// <exception cref="CorruptDataException">A snapshot's manifest, container or file table is damaged.</exception>
    internal static CatalogRebuildResult Rebuild(Repository repository, CatalogSettings? settings, IProgress<CatalogProgress>? progress)
    {
        var clock = Stopwatch.StartNew();
        if (settings is null || repository.IsEncrypted)
        {
            return new CatalogRebuildResult(null, 0, 0, clock.Elapsed);
        }
        using var catalog = new SnapshotCatalog(repository, settings with { Notice = null });
        catalog.Attach(null);
        if (!catalog.IsPersistent)
        {
            throw new LodeException($"Cannot rebuild the catalog: {catalog.MemoryReason}. Try again once other lode commands have finished.");
        }
        CatalogTree.DeleteAll(catalog._store, []);
        catalog._store.Put(CatalogKeys.Format, CatalogValues.EncodeFormat());
        catalog._snapshots.Clear();
        catalog.Synchronize(null);
        var snapshots = catalog.ListSnapshots();
        for (int i = 0; i < snapshots.Count; i++)
        {
            progress?.Report(new CatalogProgress(i, snapshots.Count, catalog.PathsRecorded));
            catalog.EnsureTree(snapshots[i]);
        }
        progress?.Report(new CatalogProgress(snapshots.Count, snapshots.Count, catalog.PathsRecorded));
        try
        {
            catalog._store.Checkpoint();
        }
        catch (MetadataException)
        {
            // The log holds every record: the next open replays it instead of loading an image.
        }
        return new CatalogRebuildResult(catalog.Directory, snapshots.Count, catalog.PathsRecorded, clock.Elapsed);
    }
}
