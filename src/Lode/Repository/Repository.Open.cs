using Lode.IO;
using Lode.ObjectStorage;
using Lode.Snapshots;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>Opens the snapshot that <paramref name="spec"/> names (see <see cref="ResolveSnapshot"/>).</summary>
    /// <exception cref="LodeException">No snapshot matches, or its objects are missing or damaged.</exception>
    public SnapshotView OpenSnapshot(string spec) => OpenSnapshot(ResolveSnapshot(spec));

    /// <summary>Opens a snapshot for reading: its container and file table now, its search index on first use.</summary>
    /// <exception cref="CorruptDataException">The container or its file table is damaged.</exception>
    /// <exception cref="LodeException">An object of the snapshot is missing.</exception>
    public SnapshotView OpenSnapshot(SnapshotManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var reader = OpenContainer(manifest);
        try
        {
            long metaLength = reader.GetLength(SnapshotStreams.Meta);
            if (metaLength > Array.MaxLength)
            {
                throw new CorruptDataException($"{manifest.DataKey} is corrupt: its file table claims {metaLength} bytes.");
            }
            var meta = new byte[metaLength];
            if (reader.ReadAt(SnapshotStreams.Meta, 0, meta) != meta.Length)
            {
                throw new CorruptDataException($"{manifest.DataKey} is corrupt: its file table is cut short.");
            }
            var table = FileTable.Deserialize(meta, manifest.DataKey);
            return new SnapshotView(this, manifest, reader, table);
        }
        catch (SnapshotException e)
        {
            reader.Dispose();
            throw new CorruptDataException($"{manifest.DataKey} is corrupt: {e.Message}", e);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Opens a stored object for random access, checking its length against the manifest's.</summary>
    internal IByteSource OpenObject(string key, long expectedLength)
    {
        IByteSource source;
        try
        {
            source = OpenStoredObject(key, expectedLength);
        }
        catch (ObjectNotFoundException e)
        {
            throw new CorruptDataException($"{key} is missing from {Location}: the snapshot cannot be read.", e);
        }
        if (source.Length != expectedLength)
        {
            long actual = source.Length;
            source.Dispose();
            throw new CorruptDataException($"{key} is corrupt: {actual} bytes, the manifest says {expectedLength}.");
        }
        return source;
    }
}
