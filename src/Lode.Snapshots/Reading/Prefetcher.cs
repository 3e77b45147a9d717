namespace Lode.Snapshots.Reading;

/// <summary>
/// Detects sequential reading (a read that starts where the previous one of the same stream ended) and then warms
/// the block cache with the next blocks on a thread-pool thread, at most one prefetch in flight per reader.
/// Best effort: a prefetch that meets damage stops, and the read that needs the block reports it. Thread-safe.
/// </summary>
internal sealed class Prefetcher(SnapshotReader reader, int blocks) : IDisposable
{
    private readonly Lock _lock = new();
    private StreamIndex? _stream;
    private long _end = -1;
    private int _run;
    private Task _running = Task.CompletedTask;
    private bool _disposed;

    /// <summary>The prefetch in flight, or the last one (completed).</summary>
    public Task Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>Records a read of logical [offset, end) of <paramref name="index"/>; may start a prefetch.</summary>
    public void Observe(StreamIndex index, long offset, long end)
    {
        if (blocks == 0)
        {
            return;
        }
        lock (_lock)
        {
            bool sequential = ReferenceEquals(index, _stream) && offset == _end;
            _run = sequential ? _run + 1 : 0;
            _stream = index;
            _end = end;
            if (_run == 0 || !_running.IsCompleted || _disposed || end >= index.Length)
            {
                return;
            }
            _running = Task.Run(() => reader.Warm(index, end, blocks, () => Volatile.Read(ref _disposed)));
        }
    }

    /// <summary>Stops prefetching and waits for the prefetch in flight.</summary>
    public void Dispose()
    {
        Task running;
        lock (_lock)
        {
            _disposed = true;
            running = _running;
        }
        try
        {
            running.Wait();
        }
        catch (AggregateException)
        {
            // A prefetch is best effort; the read that needs a block reports its failure.
        }
    }
}
