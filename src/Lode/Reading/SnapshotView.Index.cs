using Lode.IO;
using Lode.Snapshots;

namespace Lode;

public sealed partial class SnapshotView
{
    private readonly Lazy<RebuiltIndex?> _rebuilt;

    /// <summary>The snapshot's index when the next snapshot can carry its shards over: format 2, in this container.</summary>
    internal SearchIndex? CarriableIndex => Manifest.IndexKey is null && Index.Major == IndexFormat.Major ? Index : null;

    /// <summary>The index queries use: the newest one <c>lode index build</c> stored for the snapshot, else its own.</summary>
    internal SearchIndex QueryIndex => _rebuilt.Value?.Index ?? Index;

    /// <summary>The blob of <paramref name="entry"/> in <see cref="QueryIndex"/>, or -1 when the file is not indexed.
    /// A rebuilt index numbers its blobs afresh, so there the file's SHA-256 finds it.</summary>
    internal int QueryBlobOf(FileEntry entry) => _rebuilt.Value is { } rebuilt
        ? (entry.Kind == FileKind.File ? rebuilt.Index.FindBlob(entry.Sha256.Span) : -1)
        : entry.TextBlob;

    /// <summary>Checks the rebuilt index, if there is one: its tables now, every block with <paramref name="readData"/>.</summary>
    private void CheckRebuiltIndex(bool readData, IProgress<long>? progress)
    {
        if (_rebuilt.Value is { } rebuilt && readData)
        {
            try
            {
                rebuilt.Reader.Verify(progress);
            }
            catch (SnapshotException e)
            {
                throw new CorruptDataException($"{rebuilt.Key} is corrupt: {e.Message}", e);
            }
        }
    }

    private (IByteSource, SearchIndex) OpenIndex()
    {
        if (Manifest.IndexKey is null)
        {
            string where = $"{Manifest.DataKey} (index stream)";
            try
            {
                // The reader owns the stream; disposing this view of it does nothing.
                var stream = new ContainerStreamSource(_reader, SnapshotStreams.Index, where);
                return (stream, SearchIndex.Open(stream, where));
            }
            catch (KeyNotFoundException e)
            {
                throw new CorruptDataException($"{where} is missing.", e);
            }
        }
        var source = _repository.OpenObject(Manifest.IndexKey, Manifest.IndexLength);
        try
        {
            return (source, SearchIndex.Open(source, Manifest.IndexKey));
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private RebuiltIndex? OpenRebuiltIndex()
    {
        if (_repository.FindRebuiltIndex(Manifest.Id) is not var (key, length))
        {
            return null;
        }
        string root = key[(key.LastIndexOf('/') + 1)..];
        var reader = _repository.OpenContainer(key, length, "idx-" + Manifest.Id, root);
        try
        {
            string where = $"{key} (index stream)";
            var stream = new ContainerStreamSource(reader, SnapshotStreams.Index, where);
            return new RebuiltIndex(key, reader, SearchIndex.Open(stream, where));
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

    /// <summary>An index stored by <c>lode index build</c>: its container (which owns the stream) and the opened index.</summary>
    private sealed record RebuiltIndex(string Key, SnapshotReader Reader, SearchIndex Index) : IDisposable
    {
        public void Dispose() => Reader.Dispose();
    }
}
