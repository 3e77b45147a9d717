using System.Diagnostics;

namespace Lode.IO;

/// <summary>
/// The bounded, ordered hand-over between read-ahead producers and the one consumer: chunk <c>i</c> lives in slot
/// <c>i mod depth</c>. A producer claims the next chunk number (waiting while <c>depth</c> chunks are claimed and not
/// yet taken), fills it and publishes it, in any order; the consumer takes chunks strictly in number order.
/// </summary>
/// <remarks>With one producer the claims are sequential; with N positional readers they run N chunks ahead in
/// parallel and the consumer still sees one ordered stream. Producers wait on the monitor; the consumer waits on a
/// semaphore so it can wait synchronously or asynchronously.</remarks>
internal sealed class ChunkWindow
{
    private readonly object _lock = new();
    private readonly ReadAheadChunk?[] _slots;
    private readonly SemaphoreSlim _ready = new(0);
    private long _nextClaim;
    private long _nextTake;
    private bool _consumerWaiting;
    private bool _cancelled;
    private long _producerWaits;

    public ChunkWindow(int depth) => _slots = new ReadAheadChunk?[depth];

    /// <summary>Times a producer found the window full and had to wait for the consumer.</summary>
    public long ProducerWaits => Interlocked.Read(ref _producerWaits);

    /// <summary>Claims the next chunk number, waiting while the window is full. Returns -1 once cancelled.</summary>
    public long Claim()
    {
        lock (_lock)
        {
            bool counted = false;
            while (!_cancelled && _nextClaim >= _nextTake + _slots.Length)
            {
                if (!counted)
                {
                    Interlocked.Increment(ref _producerWaits);
                    counted = true;
                }
                Monitor.Wait(_lock);
            }
            return _cancelled ? -1 : _nextClaim++;
        }
    }

    /// <summary>Whether the consumer is waiting for the next chunk right now (a producer hands over early then).</summary>
    public bool ConsumerStarving => Volatile.Read(ref _consumerWaiting);

    /// <summary>Publishes claimed chunk <paramref name="index"/>. Returns false (and the caller keeps the buffer) once
    /// cancelled.</summary>
    public bool Publish(long index, ReadAheadChunk chunk)
    {
        lock (_lock)
        {
            if (_cancelled)
            {
                return false;
            }
            Debug.Assert(index >= _nextTake && index < _nextClaim, "only a claimed, untaken chunk can be published");
            _slots[index % _slots.Length] = chunk;
            if (index == _nextTake && _consumerWaiting)
            {
                _consumerWaiting = false;
                _ready.Release();
            }
            return true;
        }
    }

    /// <summary>Takes the next chunk in order if it is ready.</summary>
    public bool TryTake(out ReadAheadChunk chunk)
    {
        lock (_lock)
        {
            return TakeLocked(out chunk);
        }
    }

    /// <summary>Whether the next chunk is ready without waiting.</summary>
    public bool HasReady
    {
        get
        {
            lock (_lock)
            {
                return _slots[_nextTake % _slots.Length] is not null;
            }
        }
    }

    /// <summary>Waits until the next chunk is published (or the window is cancelled). May return spuriously: callers
    /// check again.</summary>
    public void WaitReady()
    {
        if (BeginWait())
        {
            _ready.Wait();
        }
    }

    /// <inheritdoc cref="WaitReady"/>
    public Task WaitReadyAsync(CancellationToken cancellationToken) =>
        BeginWait() ? _ready.WaitAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Marks the consumer as waiting unless the next chunk is already there. The semaphore has no maximum:
    /// a release left over from an abandoned (cancelled) wait only causes one spurious wake-up.</summary>
    private bool BeginWait()
    {
        lock (_lock)
        {
            if (_cancelled || _slots[_nextTake % _slots.Length] is not null)
            {
                return false;
            }
            _consumerWaiting = true;
            return true;
        }
    }

    /// <summary>Stops every producer wait and returns the buffers of published, untaken chunks to
    /// <paramref name="pool"/>. Producers' later publishes are refused.</summary>
    public void Cancel(ChunkBufferPool pool)
    {
        lock (_lock)
        {
            _cancelled = true;
            if (_consumerWaiting)
            {
                _consumerWaiting = false;
                _ready.Release();
            }
            for (int i = 0; i < _slots.Length; i++)
            {
                pool.Return(_slots[i]?.Buffer);
                _slots[i] = null;
            }
            Monitor.PulseAll(_lock);
        }
    }

    private bool TakeLocked(out ReadAheadChunk chunk)
    {
        int slot = (int)(_nextTake % _slots.Length);
        if (_cancelled || _slots[slot] is not { } ready)
        {
            chunk = default;
            return false;
        }
        chunk = ready;
        _slots[slot] = null;
        _nextTake++;
        Monitor.PulseAll(_lock);
        return true;
    }
}
