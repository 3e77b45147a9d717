namespace Lode.IO;

/// <summary>The producer side of a <see cref="PrefetchStream"/>: one or more dedicated, named background threads that
/// fill chunks and publish them to the <see cref="ChunkWindow"/>.</summary>
internal abstract class ReadAheadProducer(ChunkWindow window, ChunkBufferPool pool, int threadCount, string name)
{
    private readonly Thread[] _threads = new Thread[threadCount];

    protected ChunkWindow Window { get; } = window;

    protected ChunkBufferPool Pool { get; } = pool;

    public void Start()
    {
        for (int i = 0; i < _threads.Length; i++)
        {
            string threadName = _threads.Length == 1 ? name : $"{name} {i + 1}/{_threads.Length}";
            _threads[i] = new Thread(Run) { IsBackground = true, Name = threadName };
            _threads[i].Start();
        }
    }

    /// <summary>Waits for every producer thread to exit (the window must be cancelled first), then releases the
    /// source on the calling thread.</summary>
    public void Stop()
    {
        foreach (var thread in _threads)
        {
            thread.Join();
        }
        ReleaseSource();
    }

    /// <summary>Whether every producer thread has exited (for tests).</summary>
    internal bool Exited => _threads.All(t => !t.IsAlive);

    /// <summary>The body of each producer thread: claim, fill, publish, until the end, an error or cancellation.
    /// It must not throw.</summary>
    protected abstract void Run();

    /// <summary>Disposes the source (unless the caller keeps it); runs after the threads exited.</summary>
    protected abstract void ReleaseSource();

    /// <summary>Publishes <paramref name="chunk"/>, returning its buffer to the pool when the window was cancelled.
    /// Returns false when the producer should stop.</summary>
    protected bool Publish(long index, ReadAheadChunk chunk)
    {
        if (Window.Publish(index, chunk))
        {
            return true;
        }
        Pool.Return(chunk.Buffer);
        return false;
    }
}
