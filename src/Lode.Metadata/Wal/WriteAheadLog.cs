using System.Buffers;

namespace Lode.Metadata.Wal;

/// <summary>
/// The store's ordering point for writes: the version clock and, when the store logs, the WAL ring over the segment
/// files. A write takes its version and reserves its record together, under the tree lock of the key it changes
/// (<see cref="Begin"/>), so per key the log order, the version order and the order of changes in the tree agree;
/// it then encodes, fills and publishes the record outside the lock (<see cref="CommitPut"/> and its siblings) and, for
/// <see cref="Durability.Sync"/>, waits for the group fsync (<see cref="WaitDurable"/>). Thread-safe.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    private readonly WalRing? _ring;
    private readonly FileWalSink? _sink;
    private readonly bool _sync;
    private long _clock;

    /// <summary>A log that only keeps the clock (durability None, or an in-memory store).</summary>
    public WriteAheadLog(long clock) => _clock = clock;

    /// <summary>A log that writes <paramref name="sink"/> through a ring of <paramref name="ringBytes"/> bytes.</summary>
    public WriteAheadLog(long clock, FileWalSink sink, int ringBytes, long endLsn, long records, Durability durability, TimeSpan flushInterval)
    {
        _clock = clock;
        _sink = sink;
        _sync = durability == Durability.Sync;
        _ring = new WalRing(ringBytes, sink, endLsn, records, flushInterval);
    }

    /// <summary>True when writes go to a log on disk.</summary>
    public bool IsLogging => _ring is not null;

    /// <summary>The ring, when logging.</summary>
    public WalRing? Ring => _ring;

    /// <summary>The segment writer, when logging.</summary>
    public FileWalSink? Sink => _sink;

    /// <summary>The last version issued.</summary>
    public long Clock => Interlocked.Read(ref _clock);

    /// <summary>Takes the next version and, when logging, reserves <paramref name="recordLength"/> bytes of log (-1 when not). Never throws.</summary>
    public (long Version, long Lsn) Begin(int recordLength) =>
        (Interlocked.Increment(ref _clock), _ring?.Reserve(recordLength) ?? -1);

    /// <summary>Throws if the log can no longer be written; called before a write starts.</summary>
    public void ThrowIfFailed() => _ring?.ThrowIfFailed();

    /// <summary>Encodes, seals and publishes a put record into its reserved range. No-op when not logging.</summary>
    public void CommitPut(long lsn, long version, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (_ring is not null)
        {
            Span<byte> record = Rent(WalRecord.PutSize(key.Length, value.Length), out byte[] buffer);
            WalRecord.WritePut(record, key, value);
            Publish(WalRecordType.Put, lsn, version, record, buffer);
        }
    }

    /// <summary>Encodes, seals and publishes a delete record. No-op when not logging.</summary>
    public void CommitDelete(long lsn, long version, ReadOnlySpan<byte> key)
    {
        if (_ring is not null)
        {
            Span<byte> record = Rent(WalRecord.DeleteSize(key.Length), out byte[] buffer);
            WalRecord.WriteDelete(record, key);
            Publish(WalRecordType.Delete, lsn, version, record, buffer);
        }
    }

    /// <summary>Encodes, seals and publishes a rename record. No-op when not logging.</summary>
    public void CommitRename(long lsn, long version, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, ReadOnlySpan<byte> value)
    {
        if (_ring is not null)
        {
            Span<byte> record = Rent(WalRecord.RenameSize(from.Length, to.Length, value.Length), out byte[] buffer);
            WalRecord.WriteRename(record, from, to, value);
            Publish(WalRecordType.Rename, lsn, version, record, buffer);
        }
    }

    /// <summary>Encodes, seals and publishes a batch record of <paramref name="length"/> bytes. No-op when not logging.</summary>
    public void CommitBatch(long lsn, long version, int length, IReadOnlyList<BatchOperation> operations)
    {
        if (_ring is not null)
        {
            Span<byte> record = Rent(length, out byte[] buffer);
            WalBatch.Write(record, operations);
            Publish(WalRecordType.Batch, lsn, version, record, buffer);
        }
    }

    private static Span<byte> Rent(int length, out byte[] buffer)
    {
        buffer = ArrayPool<byte>.Shared.Rent(length);
        return buffer.AsSpan(0, length);
    }

    private void Publish(WalRecordType type, long lsn, long version, Span<byte> record, byte[] buffer)
    {
        WalRecord.Seal(record, type, lsn, version);
        _ring!.Fill(lsn, record);
        ArrayPool<byte>.Shared.Return(buffer);
        _ring.Publish(lsn, record.Length);
    }

    /// <summary>For <see cref="Durability.Sync"/>, waits until the record ending at <paramref name="end"/> is fsynced (shared with concurrent writers).</summary>
    public void WaitDurable(long end)
    {
        if (_sync)
        {
            _ring!.WaitDurable(end);
        }
    }

    /// <summary>Stops the flusher (after it flushed and fsynced everything published) and closes the segment.</summary>
    public void Dispose()
    {
        _ring?.Dispose();
        _sink?.Dispose();
    }
}
