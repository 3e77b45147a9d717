using Lode.Metadata.Storage;
using Lode.Metadata.Tree;
using Lode.Metadata.Wal;

namespace Lode.Metadata;

public sealed partial class MetadataStore
{
    private readonly object _checkpointLock = new();
    private long _checkpointNumber;
    private long _checkpointLsn;
    private long _checkpointClock;
    private long _checkpoints;
    private long _recordsWithoutLog;
    private volatile string? _lastCheckpointError;

    /// <summary>
    /// Writes a checkpoint now, unless nothing changed since the last one: a sorted image of the tree into a new
    /// file, fsynced; then the manifest switches to it atomically; only then are the previous checkpoint and the log
    /// before the new one's replay position deleted. Writers continue during the image (they pause only while the
    /// log is cut at the replay position); with <see cref="Durability.None"/> they wait for the whole checkpoint,
    /// which then is the only way writes reach the disk. Does nothing for an in-memory store.
    /// </summary>
    /// <exception cref="MetadataException">The checkpoint could not be written (the I/O error is the inner exception); the previous one stays current.</exception>
    public void Checkpoint()
    {
        ThrowIfDisposed();
        if (_directory is null)
        {
            return;
        }
        lock (_checkpointLock)
        {
            RunCheckpoint();
        }
    }

    /// <summary>Runs one checkpoint under <see cref="_checkpointLock"/>.</summary>
    private void RunCheckpoint()
    {
        long clockAtStart = _log.Clock;
        if (clockAtStart == _checkpointClock)
        {
            return;
        }
        // A number is used once, even by a checkpoint that failed: a retry never truncates a file MANIFEST may name.
        long number = Interlocked.Increment(ref _checkpointNumber);
        string path = Path.Combine(_directory!, CheckpointFormat.FileName(number));
        Manifest manifest;
        try
        {
            manifest = _log.Ring is { } ring ? CheckpointWithLog(ring, number, path) : CheckpointWithoutLog(number, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // MANIFEST does not name this image yet, so removing it is safe; if that fails too, the next open removes it.
            try
            {
                File.Delete(path);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                e = new AggregateException(e, cleanup);
            }
            throw new MetadataException($"Cannot write checkpoint {path}: {e.Message}. The previous checkpoint and the log stay current.", e);
        }
        try
        {
            manifest.Write(_directory!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The rename may have happened before the failure (the directory fsync comes after it): keep the image,
            // which MANIFEST may now name; an unnamed one is an orphan the next open removes.
            throw new MetadataException($"Cannot switch MANIFEST to checkpoint {path}: {e.Message}.", e);
        }
        Interlocked.Exchange(ref _checkpointLsn, manifest.ReplayLsn);
        DeleteObsoleteFiles(number);
        Interlocked.Increment(ref _checkpoints);
        _checkpointClock = clockAtStart;
        Volatile.Write(ref _checkpointRequested, 0);
    }

    /// <summary>
    /// Cuts the log at its tail with writers held out (a new segment starts there: the replay position), then writes a
    /// fuzzy image with writers running. The image may hold changes made after the cut, but every such change has its
    /// record after the cut, and the image is written only after the log is durable past it; replay re-applies those
    /// records (all blind writes), so image + replay is exact.
    /// </summary>
    private Manifest CheckpointWithLog(WalRing ring, long number, string path)
    {
        long replayLsn;
        long records;
        _gate.EnterExclusive();
        try
        {
            replayLsn = ring.Tail;
            records = ring.Records;
            ring.WaitDurable(replayLsn);
            _log.Sink!.Rotate(replayLsn);
        }
        finally
        {
            _gate.ExitExclusive();
        }
        return WriteImage(path, number, replayLsn, records, () => ring.WaitDurable(ring.Tail));
    }

    /// <summary>Without a log the image must be exact: writers wait while it is written.</summary>
    private Manifest CheckpointWithoutLog(long number, string path)
    {
        _gate.EnterExclusive();
        try
        {
            // Recovery expects a log segment at the replay position; start an empty one if the log is not there yet.
            long end = Recovery.EndLsn;
            if (!File.Exists(Path.Combine(_directory!, WalSegment.FileName(end))))
            {
                WalSegment.Create(_directory!, end).Dispose();
            }
            return WriteImage(path, number, end, _recordsWithoutLog, () => { });
        }
        finally
        {
            _gate.ExitExclusive();
        }
    }

    private Manifest WriteImage(string path, long number, long replayLsn, long records, Action beforeWrite)
    {
        using var writer = new CheckpointWriter(path, number, replayLsn, records, beforeWrite);
        ArtScanner scanner = ArtScanner.Rent(_tree.Root, [], null, -1);
        try
        {
            while (scanner.MoveNext(out byte[] key, out MetadataRecord? record))
            {
                writer.Add(key, record!.ValueSpan, record.Version);
            }
        }
        finally
        {
            scanner.Return();
        }
        long clock = _log.Clock;
        writer.Finish(clock);
        return new Manifest(number, replayLsn, records, clock, writer.Keys);
    }

    /// <summary>After the manifest switch: older checkpoints and log segments wholly before the replay position are garbage.</summary>
    /// <summary>Removes older checkpoints and log segments the current checkpoint made obsolete. Best effort: a file
    /// that cannot be deleted now is an orphan that the next checkpoint or open removes.</summary>
    private void DeleteObsoleteFiles(long number)
    {
        try
        {
            DeleteObsoleteFilesNow(number);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _lastCheckpointError = $"Cannot remove obsolete checkpoint files: {e.Message}";
        }
    }

    private void DeleteObsoleteFilesNow(long number)
    {
        string current = CheckpointFormat.FileName(number);
        foreach (string file in System.IO.Directory.EnumerateFiles(_directory!, "checkpoint-*.ckpt"))
        {
            if (Path.GetFileName(file) != current)
            {
                File.Delete(file);
            }
        }
        long replayLsn = Interlocked.Read(ref _checkpointLsn);
        foreach (var (baseLsn, file) in WalSegment.List(_directory!))
        {
            if (baseLsn < replayLsn)
            {
                File.Delete(file);
            }
        }
    }
}
