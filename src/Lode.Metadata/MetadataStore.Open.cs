using Lode.Metadata.Storage;
using Lode.Metadata.Tree;
using Lode.Metadata.Wal;

namespace Lode.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="directory"/>: takes its lock, loads the checkpoint the
    /// manifest names, replays the write-ahead log after it, cuts off a torn log tail (see <see cref="Recovery"/>),
    /// and starts the log flusher and the background checkpointer.
    /// </summary>
    /// <param name="directory">The store directory; created when missing.</param>
    /// <param name="options">Durability, checkpoint triggers, ring size; defaults when null.</param>
    /// <exception cref="MetadataLockedException">Another store, in this process or another, has the directory open.</exception>
    /// <exception cref="MetadataCorruptException">A file is damaged beyond a torn log tail, or missing; names the file and offset.</exception>
    /// <exception cref="MetadataException">The directory cannot be read or written (the I/O error is the inner exception).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MetadataStore Open(string directory, MetadataStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new MetadataStoreOptions();
        options.Validate();
        directory = Path.GetFullPath(directory);
        StoreLock? storeLock = null;
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            storeLock = StoreLock.Acquire(directory);
            MetadataStore store = Recover(directory, options, storeLock);
            store.StartCheckpointer();
            return store;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            storeLock?.Dispose();
            throw new MetadataException($"Cannot open the metadata store in {directory}: {e.Message}", e);
        }
        catch
        {
            storeLock?.Dispose();
            throw;
        }
    }

    private static MetadataStore Recover(string directory, MetadataStoreOptions options, StoreLock storeLock)
    {
        Manifest? manifest = Manifest.Read(directory);
        RemoveLeftovers(directory, manifest);
        var tree = new AdaptiveRadixTree();
        var target = new TreeReplayTarget(tree);
        long clock = manifest?.Clock ?? 0;
        if (manifest is not null)
        {
            using var reader = new CheckpointReader(directory, manifest);
            clock = Math.Max(clock, reader.Load(manifest, target));
        }
        long checkpointKeys = tree.Count;
        long replayLsn = manifest?.ReplayLsn ?? 0;
        WalReplayResult replay = WalReplay.Run(directory, replayLsn, target);
        clock = Math.Max(clock, Math.Max(target.MaxVersion, replay.MaxVersion));
        long records = (manifest?.Records ?? 0) + replay.Records;
        WriteAheadLog log;
        if (options.Durability == Durability.None)
        {
            log = new WriteAheadLog(clock);
        }
        else
        {
            FileWalSink sink = replay.LastSegmentPath is null
                ? new FileWalSink(directory, replay.EndLsn)
                : new FileWalSink(directory, replay.LastSegmentPath, replay.LastSegmentBase, replay.EndLsn);
            log = new WriteAheadLog(clock, sink, options.RingCapacity, replay.EndLsn, records, options.Durability, options.AsyncFlushInterval);
        }
        var report = new RecoveryReport
        {
            CheckpointFile = manifest is null ? null : Path.Combine(directory, CheckpointFormat.FileName(manifest.CheckpointNumber)),
            CheckpointKeys = checkpointKeys,
            ReplayStartLsn = replayLsn,
            ReplayedRecords = replay.Records,
            EndLsn = replay.EndLsn,
            TornTailFile = replay.TornFile,
            TornTailOffset = replay.TornOffset,
            TornTailBytes = replay.TornBytes,
        };
        var store = new MetadataStore(directory, options, storeLock, tree, log, report)
        {
            _checkpointNumber = manifest?.CheckpointNumber ?? 0,
            _checkpointLsn = replayLsn,
            // Replayed records are not in any checkpoint yet: mark the store changed (-1) so the next checkpoint runs.
            _checkpointClock = replay.Records == 0 ? clock : -1,
            _recordsWithoutLog = records,
        };
        return store;
    }

    /// <summary>Removes what a crash can leave behind: a half-written manifest, and checkpoints the manifest does not name.</summary>
    private static void RemoveLeftovers(string directory, Manifest? manifest)
    {
        File.Delete(Path.Combine(directory, Manifest.FileName + ".tmp"));
        string current = manifest is null ? "" : CheckpointFormat.FileName(manifest.CheckpointNumber);
        foreach (string path in System.IO.Directory.EnumerateFiles(directory, "checkpoint-*.ckpt"))
        {
            if (Path.GetFileName(path) != current)
            {
                File.Delete(path);
            }
        }
    }
}
