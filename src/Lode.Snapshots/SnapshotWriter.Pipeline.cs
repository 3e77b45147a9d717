using Lode.Snapshots.Format;
using Lode.Snapshots.Writing;

namespace Lode.Snapshots;

/// <summary>The parallel part: jobs go to the thread pool, results are committed in submission order.</summary>
public sealed partial class SnapshotWriter
{
    private readonly Queue<(ChunkJob Job, Task Work)> _inFlight = new();
    private readonly int _window;
    private long _storedBlocks;
    private long _zeroBlocks;
    private long _duplicateBlocks;
    private long _parentBlocks;
    private long _parentBytes;

    /// <summary>Blocks compressed (and encrypted) so far, for tests: each unique chunk should be encoded once.</summary>
    internal long EncodedBlocks => _context.EncodedBlocks;

    private void SubmitChunk(StreamState state, int length)
    {
        var job = ChunkJob.ForChunk(state, state.Chunk!, length, _keys?.NextNonce() ?? []);
        state.Chunk = null;
        Submit(job);
    }

    /// <summary>Queues a job: held back while a dictionary sample is being gathered, else started now.</summary>
    private void Submit(ChunkJob job)
    {
        if (_holding)
        {
            Hold(job);
            return;
        }
        var context = _context;
        var work = new Task(() => job.Run(context));
        job.Work = work;
        _inFlight.Enqueue((job, work));
        if (_options.Parallelism == 1)
        {
            work.RunSynchronously();
        }
        else
        {
            work.Start(_options.Scheduler ?? TaskScheduler.Default);
        }
        DrainTo(_window - 1);
    }

    /// <summary>Jobs queued but not yet committed, held back ones included (each may add at most one parent).</summary>
    private int PendingJobs => _inFlight.Count + _held.Count;

    /// <summary>Commits finished jobs, oldest first, until at most <paramref name="limit"/> are in flight.</summary>
    private void DrainTo(int limit)
    {
        try
        {
            while (_inFlight.Count > limit)
            {
                var (job, work) = _inFlight.Peek();
                work.GetAwaiter().GetResult();
                _inFlight.Dequeue();
                try
                {
                    Commit(job);
                }
                finally
                {
                    job.Release();
                }
            }
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>Turns a finished job into a block info, in order: zero → same hash in this file → earlier snapshot → store.</summary>
    private void Commit(ChunkJob job)
    {
        BlockInfo info;
        if (job.IsZero)
        {
            info = BlockInfo.Zero(job.Length, job.Hash);
            _zeroBlocks++;
        }
        else if (_dedup.TryGet(job.Hash, job.Stream.Settings.Codec, out var existing))
        {
            info = existing.ToInfo(job.Length, job.Hash);
            CountRepeat(info);
        }
        else
        {
            if (!job.Decided)
            {
                DecideInOrder(job);
            }
            info = job.Found is { } found && _parents.TryGetOrAdd(found, out ushort parent, out _)
                ? BlockInfo.Parent(parent, found.StreamIndex, found.BlockNumber, job.Length, job.Hash)
                : Store(job);
            _dedup.Add(info, job.Stream.Settings.Codec);
            CountRepeat(info);
        }
        AddToPage(job.Stream, info);
    }

    /// <summary>
    /// Decides a job that did not claim its hash and finds no committed block with it: a later job claimed it first
    /// (workers run out of order). That job's result is taken rather than compressing the chunk a second time — unless
    /// it encodes with another level (claims are per codec), as the output must not depend on which worker ran first.
    /// </summary>
    private void DecideInOrder(ChunkJob job)
    {
        if (_dedup.Claimer(job.Hash, job.Stream.Settings.Codec) is { Work: { } work } claimer && claimer != job
            && claimer.Stream.Settings.Level == job.Stream.Settings.Level)
        {
            work.GetAwaiter().GetResult();
            job.TakeDecisionOf(claimer);
        }
        else
        {
            job.Decide(_context);
        }
    }

    private BlockInfo Store(ChunkJob job)
    {
        if (!job.IsEncoded)
        {
            job.Encode(_context);
        }
        byte flags = job.IsRaw ? BlockInfo.RawFlag : (byte)0;
        var info = new BlockInfo(SnapshotBlockKind.Stored, flags, 0, job.Length, _position, job.Stored.Length, job.Crc, job.Hash);
        WriteOutput(job.Stored);
        return info;
    }

    private void CountRepeat(in BlockInfo info)
    {
        switch (info.Kind)
        {
            case SnapshotBlockKind.Parent:
                _parentBlocks++;
                _parentBytes += info.LogicalLength;
                break;
            case SnapshotBlockKind.Duplicate:
                _duplicateBlocks++;
                break;
            default:
                _storedBlocks++;
                break;
        }
    }

    /// <summary>Waits for every job in flight (ignoring their failures) and returns their buffers and those of held jobs.</summary>
    private void AbandonInFlight()
    {
        while (_inFlight.Count > 0)
        {
            var (job, work) = _inFlight.Dequeue();
            try
            {
                work.Wait();
            }
            catch (AggregateException)
            {
                // The writer is being abandoned; the failure was or will be reported by the call that saw it.
            }
            job.Release();
        }
        foreach (var job in _held)
        {
            job.Release();
        }
        _held.Clear();
    }
}
