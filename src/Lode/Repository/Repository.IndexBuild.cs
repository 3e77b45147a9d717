using System.Diagnostics;
using Lode.ObjectStorage;
using Lode.Snapshots;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>
    /// Rebuilds the search index of a snapshot from its stored files (nothing is read from disk) and stores it as
    /// <c>indexes/&lt;snapshot id&gt;/&lt;integrity root&gt;</c>, a container with one <c>index</c> stream (format 2) that
    /// searches of the snapshot then use instead of the index stored with it; earlier rebuilds are deleted. Use it to
    /// upgrade an index of an older format or to build under a memory budget. Not safe to call concurrently on one instance.
    /// </summary>
    /// <exception cref="LodeException">Storing failed, or the snapshot is missing.</exception>
    /// <exception cref="CorruptDataException">The snapshot's files are damaged.</exception>
    public IndexBuildResult BuildIndex(SnapshotManifest manifest, IndexBuildOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        options ??= new IndexBuildOptions();
        var clock = Stopwatch.StartNew();
        var temp = Directory.CreateTempSubdirectory("lode-index-");
        try
        {
            using var view = OpenSnapshot(manifest);
            string containerPath = Path.Combine(temp.FullName, "container");
            var indexOptions = new SearchIndexWriterOptions { MemoryBudget = options.MemoryBudget, WorkingDirectory = temp.FullName };
            SnapshotWriteResult written;
            long length;
            long textBytes;
            int shards;
            using (var file = new FileStream(containerPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20))
            using (var index = new SearchIndexWriter(Path.Combine(temp.FullName, "scratch"), indexOptions, previous: null))
            using (var writer = SnapshotWriter.Create(file, WriterOptions()))
            {
                FeedIndex(view, index, options.Progress);
                options.Progress?.Report(new SnapshotProgress(0, 0, "", "indexing"));
                index.Finish();
                length = index.WriteTo(writer, SnapshotStreams.Index, previous: null);
                (textBytes, shards) = (index.TextBytes, index.ShardCount);
                written = writer.Finish();
            }
            options.Progress?.Report(new SnapshotProgress(0, 0, "", "storing"));
            string key = ObjectKeys.RebuiltIndex(manifest.Id, written.IntegrityRoot);
            PutFile(key, containerPath);
            DeleteOtherRebuilds(manifest.Id, key);
            return new IndexBuildResult(key, length, textBytes, shards, new FileInfo(containerPath).Length, clock.Elapsed);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    /// <summary>The newest usable rebuilt index of a snapshot: its key, or null when it has none.</summary>
    internal (string Key, long Length)? FindRebuiltIndex(string id) => Sync(Task.Run(async () =>
    {
        (string, long)? found = null;
        await foreach (var info in _store.ListAsync(ObjectKeys.RebuiltIndexPrefix(id)))
        {
            // Several are left only by a crash between storing one and deleting the others: take the first by name.
            if (found is null || string.CompareOrdinal(info.Key, found.Value.Item1) < 0)
            {
                found = (info.Key, info.Length);
            }
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

    private void DeleteOtherRebuilds(string id, string keep)
    {
        try
        {
            Sync(Task.Run(async () =>
            {
                await foreach (var info in _store.ListAsync(ObjectKeys.RebuiltIndexPrefix(id)))
                {
                    if (info.Key != keep)
                    {
                        await _store.DeleteAsync(info.Key);
                    }
                }
            }));
        }
        catch (Exception e) when (e is ObjectStoreException or IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover older rebuild is harmless, searches take one by name.
        }
    }
}
