using Lode.IO;
using Lode.ObjectStorage;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>Opens the snapshot that <paramref name="spec"/> names (see <see cref="ResolveSnapshot"/>).</summary>
    /// <exception cref="LodeException">No snapshot matches, or its objects are missing or damaged.</exception>
    public SnapshotView OpenSnapshot(string spec) => OpenSnapshot(ResolveSnapshot(spec));

    /// <summary>Opens a snapshot for reading: its container now, its file table and search index on first use.</summary>
    /// <exception cref="CorruptDataException">The container is damaged.</exception>
    /// <exception cref="LodeException">An object of the snapshot is missing.</exception>
    public SnapshotView OpenSnapshot(SnapshotManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new SnapshotView(this, manifest, OpenContainer(manifest));
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
