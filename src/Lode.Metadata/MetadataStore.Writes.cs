using Lode.Metadata.Wal;

namespace Lode.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any record; returns the new version.</summary>
    /// <returns>The record's new version (positive, larger than any version the key had before).</returns>
    /// <exception cref="MetadataLimitException">The key is empty or longer than <see cref="MaxKeyBytes"/>, or the value longer than <see cref="MaxValueBytes"/>.</exception>
    /// <exception cref="MetadataException">The write-ahead log can no longer be written.</exception>
    /// <exception cref="ObjectDisposedException">The store is closed.</exception>
    public long Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        Write(key, value, WriteCondition.None, 0, out long version);
        return version;
    }

    /// <summary>Stores <paramref name="value"/> only if <paramref name="key"/> is absent; returns whether it did (false: nothing written).</summary>
    /// <exception cref="MetadataLimitException">The key or value is over the limits.</exception>
    /// <exception cref="MetadataException">The write-ahead log can no longer be written.</exception>
    public bool PutIfAbsent(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Write(key, value, WriteCondition.Absent, 0, out _);

    /// <summary>
    /// Stores <paramref name="value"/> only if <paramref name="key"/> exists with version <paramref name="expectedVersion"/>;
    /// returns whether it did (false: absent or another version, nothing written).
    /// </summary>
    /// <exception cref="MetadataLimitException">The key or value is over the limits.</exception>
    /// <exception cref="MetadataException">The write-ahead log can no longer be written.</exception>
    public bool CompareAndPut(ReadOnlySpan<byte> key, long expectedVersion, ReadOnlySpan<byte> value) =>
        Write(key, value, WriteCondition.VersionEquals, expectedVersion, out _);

    /// <summary>Removes <paramref name="key"/>; returns whether it existed (false: nothing written).</summary>
    /// <exception cref="MetadataLimitException">The key is empty or longer than <see cref="MaxKeyBytes"/>.</exception>
    /// <exception cref="MetadataException">The write-ahead log can no longer be written.</exception>
    public bool Delete(ReadOnlySpan<byte> key)
    {
        Limits.CheckedKey(key);
        BeginWrite();
        int length = WalRecord.DeleteSize(key.Length);
        var op = new LoggedWrite(_log, default, length, WriteCondition.None, 0);
        int token = _gate.EnterShared();
        bool removed;
        try
        {
            removed = _tree.Remove(key, ref op);
            if (removed)
            {
                _log.CommitDelete(op.Lsn, op.Version, key);
            }
        }
        finally
        {
            _gate.ExitShared(token);
        }
        if (removed)
        {
            EndWrite(op.Lsn + length);
        }
        return removed;
    }

    private bool Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteCondition condition, long expected, out long version)
    {
        Limits.CheckedKey(key);
        Limits.CheckedValue(value);
        BeginWrite();
        int length = WalRecord.PutSize(key.Length, value.Length);
        var op = new LoggedWrite(_log, value, length, condition, expected);
        int token = _gate.EnterShared();
        bool stored;
        try
        {
            stored = _tree.Store(key, ref op);
            if (stored)
            {
                _log.CommitPut(op.Lsn, op.Version, key, value);
            }
        }
        finally
        {
            _gate.ExitShared(token);
        }
        version = op.Version;
        if (stored)
        {
            EndWrite(op.Lsn + length);
        }
        return stored;
    }

    private void BeginWrite()
    {
        ThrowIfDisposed();
        _log.ThrowIfFailed();
    }

    /// <summary>After a write's record is published: note the log size for the checkpoint trigger, and for Sync wait for the group fsync.</summary>
    private void EndWrite(long end)
    {
        if (_log.IsLogging)
        {
            NoteLogEnd(end);
            _log.WaitDurable(end);
        }
    }
}
