using Lode.Snapshots;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>Opens a snapshot's container for reading. Parent blocks (chunks stored by earlier snapshots) are
    /// resolved by opening those snapshots' containers on first use; the reader owns them and its source.</summary>
    /// <exception cref="CorruptDataException">The container is missing, damaged, or not the one the manifest names.</exception>
    internal SnapshotReader OpenContainer(SnapshotManifest manifest)
    {
        var source = OpenObject(manifest.DataKey, manifest.DataLength);
        SnapshotReader reader;
        try
        {
            reader = SnapshotReader.Open(source, new SnapshotReaderOptions
            {
                SnapshotId = manifest.Id,
                OwnsSource = true,
                ParentLoader = LoadParent,
                Encryption = _containerEncryption,
            });
        }
        catch (SnapshotException e)
        {
            source.Dispose();
            throw new CorruptDataException($"{manifest.DataKey} is corrupt: {e.Message}", e);
        }
        catch
        {
            source.Dispose();
            throw;
        }
        if (reader.Header.IntegrityRoot != manifest.DataRoot)
        {
            reader.Dispose();
            throw new CorruptDataException($"{manifest.DataKey} is corrupt: its integrity root does not match the manifest's.");
        }
        return reader;
    }

    /// <summary>
    /// The table of every chunk the repository's snapshots physically store (about 60 bytes per unique chunk, see
    /// <see cref="SnapshotBlockIndex"/>), so a new snapshot stores only chunks no earlier snapshot holds.
    /// </summary>
    internal SnapshotBlockIndex BuildBlockIndex()
    {
        var index = new SnapshotBlockIndex();
        foreach (var manifest in ListSnapshots())
        {
            using var reader = OpenContainer(manifest);
            index.AddStoredBlocks(manifest.Id, reader);
        }
        return index;
    }

    private SnapshotReader LoadParent(string id) => OpenContainer(Sync(ReadManifestAsync(id)));
}
