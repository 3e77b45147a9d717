using Lode.Snapshots.Format;
using Lode.Snapshots.Writing;

namespace Lode.Snapshots;

/// <summary>The parallel part: chunks go to the thread pool, results come back in submission order.</summary>
public sealed partial class SnapshotWriter
{
    private readonly Queue<(ChunkJob Job, Task Work)> _inFlight = new();
    private readonly int _window;

    private void SubmitChunk(StreamState state, int length)
    {
        var job = new ChunkJob(state, state.Chunk!, length);
        state.Chunk = null;
        var codec = _options.Codec;
        int level = _options.Level;
        var work = new Task(() => job.Run(codec, level));
        _inFlight.Enqueue((job, work));
        if (_options.Parallelism == 1)
        {
            work.RunSynchronously();
        }
        else
        {
            work.Start(TaskScheduler.Default);
        }
        DrainTo(_window - 1);
    }

    /// <summary>Commits finished chunks, oldest first, until at most <paramref name="limit"/> are in flight.</summary>
    private void DrainTo(int limit)
    {
        try
        {
            DrainInOrder(limit);
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    private void DrainInOrder(int limit)
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

    private void Commit(ChunkJob job)
    {
        BlockInfo info;
        if (job.IsZero)
        {
            info = new BlockInfo(BlockKind.Zero, 0, job.Length, 0, 0, 0, job.Sha256);
            _zeroBlocks++;
        }
        else if (_dedup.TryGet(job.Sha256, out var existing))
        {
            info = new BlockInfo(BlockKind.Duplicate, existing.Flags, job.Length, existing.Offset, existing.Length, existing.Crc, job.Sha256);
            _duplicateBlocks++;
        }
        else
        {
            byte flags = job.IsRaw ? BlockInfo.RawFlag : (byte)0;
            info = new BlockInfo(BlockKind.Stored, flags, job.Length, _position, job.StoredLength, job.Crc, job.Sha256);
            _dedup.Add(job.Sha256, new DedupTable.Location(_position, job.StoredLength, job.Crc, flags));
            WriteOutput(job.Stored);
            _storedBlocks++;
        }
        AddToPage(job.Stream, info);
    }

    /// <summary>Waits for every chunk in flight (ignoring their failures) and returns their buffers.</summary>
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
    }
}
