using System.Diagnostics;

namespace Lode.Metadata.Wal;

/// <summary>
/// The in-memory write-ahead log ring that many writers append to at once, following holt's design:
/// <list type="number">
/// <item><see cref="Reserve"/>: one atomic add on the byte tail claims [start, start + length). The logical byte
/// address is the only order key: reservations tile the log with no gaps, so there is no second counter that could
/// disagree with byte order and let an unwritten gap be published.</item>
/// <item><see cref="Fill"/>: the writer copies its encoded record into its range, split at the physical wrap.</item>
/// <item><see cref="Publish"/>: under a brief lock the writer records its interval and folds the contiguous published
/// prefix into <see cref="Committed"/>. That lock orders every writer's copy before the flusher's read.</item>
/// <item>One flusher thread copies [flushed, committed) to the <see cref="IWalSink"/> and fsyncs; writers wait only
/// for space (backpressure when the ring is full) or, with <see cref="WaitDurable"/>, for their own fsync, which
/// concurrent writers share (group commit).</item>
/// </list>
/// Addresses are 64-bit and never wrap or reset; the physical position is the address modulo the capacity.
/// <see cref="Records"/> counts committed records and is never reset (a reopened store seeds it from disk).
/// </summary>
/// <remarks>Thread-safe. A record must not be longer than <see cref="Capacity"/>.</remarks>
internal sealed partial class WalRing : IDisposable
{
    private readonly byte[] _buffer;
    private readonly long _mask;
    private readonly IWalSink _sink;
    private readonly object _publishLock = new();
    private readonly PriorityQueue<(long Start, long End), long> _pending = new();
    private PaddedLong _tail;
    private PaddedLong _committed;
    private PaddedLong _flushed;
    private PaddedLong _durable;
    private long _records;

    /// <summary>Creates a ring whose log continues at <paramref name="startLsn"/> after <paramref name="startRecords"/> records, and starts its flusher.</summary>
    /// <param name="capacity">Ring size in bytes: a power of two, at least 64.</param>
    /// <param name="sink">Where flushed bytes go.</param>
    /// <param name="startLsn">The logical address of the next record (the end of the log on disk).</param>
    /// <param name="startRecords">Records already in the log (seeded from disk).</param>
    /// <param name="flushInterval">How often the flusher writes and fsyncs on its own (the bound on loss for asynchronous writers).</param>
    public WalRing(int capacity, IWalSink sink, long startLsn, long startRecords, TimeSpan flushInterval)
    {
        if (capacity < 64 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The ring capacity must be a power of two of at least 64 bytes.");
        }
        _buffer = GC.AllocateUninitializedArray<byte>(capacity);
        _mask = capacity - 1;
        _sink = sink;
        _tail.Value = _committed.Value = _flushed.Value = _durable.Value = startLsn;
        _records = startRecords;
        _flushInterval = flushInterval;
        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "Lode.Metadata WAL flusher" };
        _flusher.Start();
    }

    /// <summary>The ring size in bytes.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>The next free logical address: every byte below it is reserved.</summary>
    public long Tail => Volatile.Read(ref _tail.Value);

    /// <summary>The end of the contiguous published prefix: every record below it is filled.</summary>
    public long Committed
    {
        get
        {
            lock (_publishLock)
            {
                return _committed.Value;
            }
        }
    }

    /// <summary>Every byte below this address has been handed to the sink (its ring space is free again).</summary>
    public long Flushed => Volatile.Read(ref _flushed.Value);

    /// <summary>Every byte below this address is durable (fsynced).</summary>
    public long Durable => Volatile.Read(ref _durable.Value);

    /// <summary>Committed records since the log began (never reset).</summary>
    public long Records
    {
        get
        {
            lock (_publishLock)
            {
                return _records;
            }
        }
    }

    /// <summary>
    /// Claims <paramref name="length"/> bytes of log with one atomic add and returns their logical address, then
    /// waits until the ring has room for them (backpressure). Never throws (see <see cref="WaitForRoom"/>).
    /// </summary>
    public long Reserve(int length)
    {
        Debug.Assert(length > 0 && length <= Capacity, "a record must fit the ring");
        long end = Interlocked.Add(ref _tail.Value, length);
        WaitForRoom(end);
        return end - length;
    }

    /// <summary>Copies a record into its reserved range, in two parts when the range wraps around the end of the ring.</summary>
    public void Fill(long lsn, ReadOnlySpan<byte> record)
    {
        int at = (int)(lsn & _mask);
        int first = Math.Min(record.Length, _buffer.Length - at);
        record[..first].CopyTo(_buffer.AsSpan(at));
        record[first..].CopyTo(_buffer);
    }

    /// <summary>
    /// Marks the filled range [<paramref name="lsn"/>, lsn + <paramref name="length"/>) as one published record and
    /// folds every contiguous published range into <see cref="Committed"/>. A range above a gap waits in a queue
    /// until the gap is published.
    /// </summary>
    public void Publish(long lsn, int length)
    {
        bool advanced;
        lock (_publishLock)
        {
            Debug.Assert(lsn >= _committed.Value, "publishing a range twice");
            advanced = lsn == _committed.Value;
            if (!advanced)
            {
                _pending.Enqueue((lsn, lsn + length), lsn);
                return;
            }
            _committed.Value = lsn + length;
            _records++;
            while (_pending.TryPeek(out var range, out _) && range.Start == _committed.Value)
            {
                _pending.Dequeue();
                _committed.Value = range.End;
                _records++;
            }
            Debug.Assert(!_pending.TryPeek(out var next, out _) || next.Start > _committed.Value, "overlapping published ranges");
        }
        if (_committed.Value - Flushed > Capacity / 2)
        {
            SignalFlusher();
        }
    }

    /// <summary>A long alone on its cache line, so the hot counters do not false-share.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [System.Runtime.InteropServices.FieldOffset(64)]
        public long Value;
    }
}
