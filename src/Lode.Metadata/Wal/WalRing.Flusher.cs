namespace Lode.Metadata.Wal;

internal sealed partial class WalRing
{
    private readonly TimeSpan _flushInterval;
    private readonly Thread _flusher;
    private readonly object _workLock = new();
    private readonly object _roomLock = new();
    private readonly object _durableLock = new();
    private bool _workPending;
    private bool _stopping;
    private int _roomWaiters;
    private long _syncs;
    private volatile Exception? _failure;

    /// <summary>
    /// Waits until every record below <paramref name="end"/> is durable, asking the flusher for an fsync. Writers
    /// that wait together share one fsync (group commit). Throws <see cref="MetadataException"/> if the flusher failed.
    /// </summary>
    public void WaitDurable(long end)
    {
        if (Durable >= end)
        {
            return;
        }
        SignalFlusher();
        lock (_durableLock)
        {
            while (Durable < end)
            {
                ThrowIfFailed();
                Monitor.Wait(_durableLock);
            }
        }
    }

    /// <summary>How many fsyncs the flusher has issued (group commit shows as fewer fsyncs than durable writes).</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>Stops the flusher after it has written and fsynced everything published. Idempotent.</summary>
    public void Dispose()
    {
        lock (_workLock)
        {
            _stopping = true;
            Monitor.Pulse(_workLock);
        }
        _flusher.Join();
    }

    /// <summary>Throws the flusher's failure, if any, wrapped with what it means for the caller.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new MetadataException(
                $"The write-ahead log can no longer be written ({failure.Message}); the store accepts no more writes. Fix the disk and reopen the store.",
                failure);
        }
    }

    /// <summary>
    /// Waits until the ring has room for everything below <paramref name="end"/>. Never throws (a reserving writer
    /// may hold tree locks): if the flusher fails meanwhile, it returns and the writer's record is simply never
    /// written; the store reports the failure on the writer's durability wait and on every later write.
    /// </summary>
    private void WaitForRoom(long end)
    {
        if (end - Flushed <= Capacity)
        {
            return;
        }
        Interlocked.Increment(ref _roomWaiters);
        SignalFlusher();
        lock (_roomLock)
        {
            while (end - Flushed > Capacity && _failure is null)
            {
                Monitor.Wait(_roomLock);
            }
        }
        Interlocked.Decrement(ref _roomWaiters);
    }

    private void SignalFlusher()
    {
        lock (_workLock)
        {
            _workPending = true;
            Monitor.Pulse(_workLock);
        }
    }

    /// <summary>The flusher: wait for work or the interval, write [flushed, committed), fsync, wake waiters; repeat.</summary>
    private void FlushLoop()
    {
        try
        {
            while (true)
            {
                bool stopping;
                lock (_workLock)
                {
                    if (!_workPending && !_stopping)
                    {
                        Monitor.Wait(_workLock, _flushInterval);
                    }
                    _workPending = false;
                    stopping = _stopping;
                }
                FlushOnce();
                if (stopping)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _failure = e;
            WakeAll(_roomLock);
            WakeAll(_durableLock);
        }
    }

    private void FlushOnce()
    {
        long committed = Committed;
        long flushed = Flushed;
        if (committed > flushed)
        {
            int at = (int)(flushed & _mask);
            int length = (int)(committed - flushed);
            int first = Math.Min(length, _buffer.Length - at);
            _sink.Write(flushed, _buffer.AsSpan(at, first), _buffer.AsSpan(0, length - first));
            // A full fence, not a release store: the read of _roomWaiters below must not move before this store,
            // or a writer that counted itself as waiting after reading the old value could miss its wake-up.
            Interlocked.Exchange(ref _flushed.Value, committed);
            if (Volatile.Read(ref _roomWaiters) > 0)
            {
                WakeAll(_roomLock);
            }
        }
        if (committed > Durable)
        {
            _sink.Sync();
            Interlocked.Increment(ref _syncs);
            Volatile.Write(ref _durable.Value, committed);
            WakeAll(_durableLock);
        }
    }

    private static void WakeAll(object monitor)
    {
        lock (monitor)
        {
            Monitor.PulseAll(monitor);
        }
    }
}
