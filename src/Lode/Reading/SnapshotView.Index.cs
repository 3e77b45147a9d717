using Lode.IO;
using Lode.Snapshots;

namespace Lode;

public sealed partial class SnapshotView
{
    private readonly Lazy<StoredIndex?> _index;

    /// <summary>
    /// The snapshot's search index (format 3, stored as <c>indexes/&lt;id&gt;/&lt;root&gt;</c> after the snapshot's data),
    /// or null when it has none yet (taken with <c>--no-index</c>, interrupted before its index was stored, or indexed
    /// by an older format): such a snapshot is searched by scanning its files.
    /// </summary>
    /// <exception cref="CorruptDataException">The index's container or tables are damaged.</exception>
    internal SearchIndex? QueryIndex => _index.Value?.Index;

    /// <summary>The index's container, whose shard sections the next snapshot's index carries by reference.</summary>
    internal SnapshotReader? IndexReader => _index.Value?.Reader;

    /// <summary>The blob of <paramref name="entry"/> in <see cref="QueryIndex"/>, found by its SHA-256, or -1 when the
    /// file is not indexed (not a regular file, binary, over the indexing limit, or no index).</summary>
    internal int QueryBlobOf(FileEntry entry) =>
        entry.Kind == FileKind.File && QueryIndex is { } index ? index.FindBlob(entry.Sha256.Span) : -1;

    private StoredIndex? OpenIndex()
    {
        if (_repository.FindStoredIndex(Manifest.Id) is not var (key, length))
        {
            return null;
        }
        string root = key[(key.LastIndexOf('/') + 1)..];
        var reader = _repository.OpenContainer(key, length, ObjectKeys.IndexContainerId(Manifest.Id, root), root);
        try
        {
            string where = $"{key} (index stream)";
            var stream = new ContainerStreamSource(reader, SnapshotStreams.Index, where);
            if (SearchIndex.Open(stream, where) is not { } index)
            {
                reader.Dispose();
                return null; // Built by an older Lode: scanned until 'lode index build' replaces it.
            }
            return new StoredIndex(key, reader, index);
        }
        catch (KeyNotFoundException e)
        {
            reader.Dispose();
            throw new CorruptDataException($"{key} is corrupt: it has no index stream.", e);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Checks the index, if there is one: its tables now, every block and every FM-index section with <paramref name="readData"/>.</summary>
    private void CheckIndex(bool readData, IProgress<long>? progress)
    {
        if (_index.Value is not { } stored || !readData)
        {
            return;
        }
        try
        {
            stored.Reader.Verify(progress);
        }
        catch (SnapshotException e)
        {
            throw new CorruptDataException($"{stored.Key} is corrupt: {e.Message}", e);
        }
        stored.Index.Verify();
    }

    /// <summary>An index stored in <c>indexes/</c>: its container (which owns the stream) and the opened index.</summary>
    private sealed record StoredIndex(string Key, SnapshotReader Reader, SearchIndex Index) : IDisposable
    {
        public void Dispose() => Reader.Dispose();
    }
}
