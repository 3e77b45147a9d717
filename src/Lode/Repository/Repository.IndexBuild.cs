using System.Diagnostics;
using Lode.IO;
using Lode.ObjectStorage;
using Lode.Snapshots;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>
    /// Builds the search index of a snapshot from its stored files (nothing is read from disk) and stores it as
    /// <c>indexes/&lt;snapshot id&gt;/&lt;integrity root&gt;</c>, a container with one <c>index</c> stream (format 3) that
    /// searches of the snapshot use from then on; earlier indexes of the snapshot that no other index refers to are
    /// deleted. Use it to index a snapshot taken with <c>--no-index</c> or interrupted before its index was stored,
    /// to upgrade an index of an older format, or to build under a memory budget. Not safe to call concurrently on
    /// one instance.
    /// </summary>
    /// <exception cref="LodeException">Storing failed, or the snapshot is missing.</exception>
    /// <exception cref="CorruptDataException">The snapshot's files are damaged.</exception>
    public IndexBuildResult BuildIndex(SnapshotManifest manifest, IndexBuildOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        options ??= new IndexBuildOptions();
        var clock = Stopwatch.StartNew();
        ScratchDirectory.SweepAbandoned();
        using var temp = ScratchDirectory.Create("lode-index-");
        using var view = OpenSnapshot(manifest);
        var indexOptions = new SearchIndexWriterOptions { MemoryBudget = options.MemoryBudget, WorkingDirectory = temp.Path };
        using var index = new SearchIndexWriter(Path.Combine(temp.Path, "scratch"), indexOptions, previous: null);
        FeedIndex(view, index, options.Progress);
        options.Progress?.Report(new SnapshotProgress(0, 0, "", "indexing"));
        return StoreIndex(manifest.Id, index, temp.Path, options.Progress, clock);
    }

    /// <summary>
    /// Finishes <paramref name="index"/>, writes it into a container in <paramref name="directory"/> and stores that as
    /// the snapshot's index, then deletes the snapshot's earlier indexes that no stored index refers to.
    /// </summary>
    private IndexBuildResult StoreIndex(string snapshotId, SearchIndexWriter index, string directory, IProgress<SnapshotProgress>? progress,
        Stopwatch clock)
    {
        index.Finish();
        string containerPath = Path.Combine(directory, "index-container");
        SnapshotWriteResult written;
        long length;
        using (var file = new FileStream(containerPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20))
        using (var writer = SnapshotWriter.Create(file, IndexWriterOptions()))
        {
            length = index.WriteTo(writer, SnapshotStreams.Index);
            written = writer.Finish();
        }
        progress?.Report(new SnapshotProgress(0, 0, "", "storing"));
        string key = ObjectKeys.StoredIndex(snapshotId, written.IntegrityRoot);
        PutFile(key, containerPath);
        DeleteUnreferencedIndexes(snapshotId, key);
        return new IndexBuildResult(key, length, index.TextBytes, index.ShardCount, new FileInfo(containerPath).Length, clock.Elapsed)
        {
            CarriedShards = index.CarriedShards,
        };
    }

    /// <summary>An index container holds FM-indexes, which do not compress: stored without a codec, in fixed 64 KiB
    /// blocks, so a query reads a section with one read and no decompression (encrypted like every other object).</summary>
    private SnapshotWriterOptions IndexWriterOptions() => new()
    {
        Codec = CompressionCodec.None,
        Encryption = _containerEncryption,
        StreamOptions = new Dictionary<string, SnapshotStreamOptions>
        {
            [SnapshotStreams.Index] = new() { Chunking = new ChunkingOptions(ChunkingMethod.Fixed, AverageSize: IndexFormat.SectionAlignment) },
        },
    };

    /// <summary>The snapshot's search index: its key and length, or null when it has none.</summary>
    internal (string Key, long Length)? FindStoredIndex(string id)
    {
        (string, long)? found = null;
        DateTimeOffset newest = DateTimeOffset.MinValue;
        foreach (var info in ListStoredIndexes(id))
        {
            // Several remain when an older one is still referred to, or after a crash between storing one and
            // deleting the others: the newest is the one to use (ties by name).
            if (found is null || info.LastModified > newest || (info.LastModified == newest && string.CompareOrdinal(info.Key, found.Value.Item1) < 0))
            {
                (found, newest) = ((info.Key, info.Length), info.LastModified);
            }
        }
        return found;
    }

    /// <summary>Every stored index of a snapshot.</summary>
    private List<ObjectInfo> ListStoredIndexes(string id) => Sync(Task.Run(async () =>
    {
        var found = new List<ObjectInfo>();
        await foreach (var info in _store.ListAsync(ObjectKeys.StoredIndexPrefix(id)))
        {
            found.Add(info);
        }
        return found;
    }));

    private static void FeedIndex(SnapshotView view, SearchIndexWriter index, IProgress<SnapshotProgress>? progress)
    {
        var buffer = new byte[1 << 20];
        long files = 0, bytes = 0;
        foreach (var entry in view.Files.Entries)
        {
            if (entry.Kind != FileKind.File || entry.Size > SearchIndexWriter.MaxIndexedFileSize)
            {
                continue;
            }
            index.AddStoredFile(view, entry, buffer);
            bytes += entry.Size;
            progress?.Report(new SnapshotProgress(++files, bytes, entry.Path, "reading"));
        }
    }

    /// <summary>Deletes the snapshot's stored indexes other than <paramref name="keep"/> that no stored index names as a
    /// parent (a later snapshot's index carries shard sections of the one it was built after by reference).</summary>
    private void DeleteUnreferencedIndexes(string id, string keep)
    {
        try
        {
            var others = ListStoredIndexes(id).Where(info => info.Key != keep).ToList();
            if (others.Count == 0)
            {
                return;
            }
            var referenced = ReferencedIndexContainers();
            foreach (var info in others)
            {
                string root = info.Key[ObjectKeys.StoredIndexPrefix(id).Length..];
                if (root.Length >= 30 && !referenced.Contains(ObjectKeys.IndexContainerId(id, root)))
                {
                    Sync(_store.DeleteAsync(info.Key));
                }
            }
        }
        catch (Exception e) when (e is ObjectStoreException or IOException or UnauthorizedAccessException or LodeException)
        {
            // Best effort: a leftover older index is harmless, searches take the newest.
        }
    }

    /// <summary>The parent ids every stored index container names.</summary>
    private HashSet<string> ReferencedIndexContainers()
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var all = Sync(Task.Run(async () =>
        {
            var found = new List<ObjectInfo>();
            await foreach (var info in _store.ListAsync(ObjectKeys.IndexesPrefix))
            {
                found.Add(info);
            }
            return found;
        }));
        foreach (var info in all)
        {
            string root = info.Key[(info.Key.LastIndexOf('/') + 1)..];
            using var reader = OpenContainer(info.Key, info.Length, "index", root);
            referenced.UnionWith(reader.Header.Parents.Select(p => p.SnapshotId));
        }
        return referenced;
    }
}
