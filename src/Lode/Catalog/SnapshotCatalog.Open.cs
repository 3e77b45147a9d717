using System.Security.Cryptography;
using System.Text;
using Lode.Metadata;

namespace Lode;

public sealed partial class SnapshotCatalog
{
    /// <summary>
    /// The store's settings. The catalog is derived data, so a write need not wait for the disk: <c>Async</c> puts it
    /// in the log within 10 ms, and a crash loses at most that window, which the next open catches up from the
    /// repository. No checkpoint at close (a short command must not rewrite the whole image); a background one once
    /// 8 MiB of log accumulated, which bounds what an open replays.
    /// </summary>
    internal static readonly MetadataStoreOptions StoreOptions = new()
    {
        Durability = Durability.Async,
        CheckpointOnDispose = false,
        CheckpointWalBytes = 8 << 20,
        CheckpointInterval = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// Opens the catalog of <paramref name="repository"/> and brings it in line with the store's list of snapshots;
    /// <paramref name="pending"/>, a snapshot whose manifest was just stored, is left for the caller to record.
    /// </summary>
    /// <exception cref="CorruptDataException">A manifest the catalog lacked is unreadable.</exception>
    internal static SnapshotCatalog Open(Repository repository, CatalogSettings? settings, SnapshotManifest? pending = null)
    {
        var catalog = new SnapshotCatalog(repository, settings);
        try
        {
            bool announce = catalog.Attach(null);
            if (pending is not null && !catalog.IsPersistent)
            {
                return catalog; // nothing to record into: skip reading every manifest for a catalog that is thrown away
            }
            catalog.Synchronize(pending);
            if (catalog.RebuildReason is not null && (announce || catalog.SnapshotsAdded > 0))
            {
                catalog.AnnounceRebuild();
            }
            return catalog;
        }
        catch
        {
            catalog.Dispose();
            throw;
        }
    }

    /// <summary>The catalog directory of <paramref name="repository"/> under <paramref name="root"/>:
    /// <c>catalogs/&lt;config id&gt;</c>, or, for a config without a valid id, an id derived from the location.</summary>
    internal static string DirectoryOf(string root, Repository repository)
    {
        string id = Repository.IdPattern().IsMatch(repository.Config.Id)
            ? repository.Config.Id
            : "location-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository.Location)))[..32];
        return Path.Combine(Path.GetFullPath(root), "catalogs", id);
    }

    /// <summary>
    /// Opens the store (on disk when the settings allow and it opens; otherwise in memory, with <see cref="MemoryReason"/>)
    /// and loads the snapshot summaries. A damaged or unknown catalog, or one being rebuilt for
    /// <paramref name="rebuild"/>, is moved aside and started afresh. Returns whether a rebuild must be announced
    /// even when no snapshot is added (true for damage; false for a catalog that did not exist yet).
    /// </summary>
    private bool Attach(string? rebuild)
    {
        _snapshots.Clear();
        string? why = _settings is null ? "no catalog directory is configured"
            : _repository.IsEncrypted ? "the repository is encrypted, and a catalog on disk would hold its file names in the clear"
            : null;
        if (why is not null)
        {
            return InMemory(why);
        }
        string directory = DirectoryOf(_settings!.Directory, _repository);
        bool existed = System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFiles(directory).Any(f => !f.EndsWith("LOCK", StringComparison.Ordinal));
        RebuildReason = rebuild ?? (existed ? null : $"there was none in {directory}");
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                if (attempt > 0 || rebuild is not null)
                {
                    MoveAside(directory);
                }
                _store = MetadataStore.Open(directory, StoreOptions);
                Load();
                return existed;
            }
            catch (MetadataLockedException)
            {
                return InMemory($"{directory} is in use by another lode process");
            }
            catch (Exception e) when (e is MetadataCorruptException or CatalogFormatException)
            {
                _store?.Dispose();
                _snapshots.Clear();
                RebuildReason = $"{directory} was unreadable ({e.Message})";
            }
            catch (Exception e) when (e is MetadataException or IOException or UnauthorizedAccessException)
            {
                _store?.Dispose();
                Notice($"catalog unavailable, reading snapshots directly: {e.Message}");
                return InMemory(e.Message);
            }
        }
        Notice($"catalog unavailable, reading snapshots directly: {RebuildReason}");
        return InMemory(RebuildReason!);
    }

    private bool InMemory(string why)
    {
        _snapshots.Clear();
        _store = MetadataStore.OpenInMemory();
        MemoryReason = why;
        RebuildReason = null;
        return false;
    }

    /// <summary>Checks the catalog's format and reads every snapshot summary.</summary>
    /// <exception cref="CatalogFormatException">The format is unknown, or a summary is undecodable.</exception>
    private void Load()
    {
        var format = _store.Get(CatalogKeys.Format);
        if (format is null)
        {
            if (_store.Scan(new ScanOptions { Limit = 1, KeysOnly = true }).Any())
            {
                throw new CatalogFormatException("it has no format number");
            }
            _store.Put(CatalogKeys.Format, CatalogValues.EncodeFormat());
        }
        else if (CatalogValues.DecodeFormat(format.Value.Span) is not CatalogValues.CatalogFormat and var known)
        {
            throw new CatalogFormatException($"it has format {known?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}; this Lode reads format {CatalogValues.CatalogFormat}");
        }
        foreach (var item in _store.Scan(ScanOptions.WithPrefix(CatalogKeys.SnapPrefix)))
        {
            string id = item.KeyText[CatalogKeys.SnapPrefix.Length..];
            if (!Repository.IdPattern().IsMatch(id))
            {
                throw new CatalogFormatException($"it holds a summary under the malformed id '{id}'");
            }
            _snapshots.Add(id, CatalogValues.DecodeSummary(id, item.Value.Span));
        }
    }

    /// <summary>Rebuilds after an undecodable record was met: starts the catalog afresh and synchronises it again.</summary>
    private void Repair(string reason)
    {
        _store.Dispose();
        if (_store.Directory is null)
        {
            InMemory(MemoryReason ?? reason);
        }
        else
        {
            Attach($"{_store.Directory} held an undecodable record ({reason})");
        }
        SnapshotsAdded = 0;
        Synchronize(null);
        if (RebuildReason is not null)
        {
            AnnounceRebuild();
        }
    }

    private void AnnounceRebuild() =>
        Notice($"catalog rebuilt: {RebuildReason}; {SnapshotsAdded} snapshot{(SnapshotsAdded == 1 ? "" : "s")} recorded");

    /// <summary>Moves a catalog directory out of the way (one rename), then deletes it; a no-op when it does not exist.</summary>
    private static void MoveAside(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return;
        }
        string aside = directory + ".old-" + Guid.NewGuid().ToString("N");
        System.IO.Directory.Move(directory, aside);
        System.IO.Directory.Delete(aside, recursive: true);
    }
}
