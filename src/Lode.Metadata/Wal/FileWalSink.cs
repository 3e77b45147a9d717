using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Lode.Metadata.Wal;

/// <summary>
/// Writes the log into segment files in the store directory: appends at the current segment's end, fsyncs on
/// request, and on <see cref="Rotate"/> closes the segment and starts the next one. Thread-safe (one lock).
/// </summary>
internal sealed class FileWalSink : IWalSink, IDisposable
{
    private readonly string _directory;
    private readonly object _lock = new();
    private SafeFileHandle _handle;
    private long _baseLsn;
    private long _end;

    /// <summary>Continues the segment at <paramref name="path"/> (already checked and truncated by recovery) whose log ends at <paramref name="endLsn"/>.</summary>
    public FileWalSink(string directory, string path, long baseLsn, long endLsn)
    {
        _directory = directory;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        (_baseLsn, _end) = (baseLsn, endLsn);
    }

    /// <summary>Starts a new store's log: a fresh segment at <paramref name="baseLsn"/>.</summary>
    public FileWalSink(string directory, long baseLsn)
    {
        _directory = directory;
        _handle = WalSegment.Create(directory, baseLsn);
        (_baseLsn, _end) = (baseLsn, baseLsn);
    }

    /// <summary>The base LSN of the segment being written.</summary>
    public long SegmentBase
    {
        get
        {
            lock (_lock)
            {
                return _baseLsn;
            }
        }
    }

    /// <inheritdoc/>
    public void Write(long lsn, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        lock (_lock)
        {
            Debug.Assert(lsn == _end, "log bytes must arrive in order with no gaps");
            long offset = WalSegment.HeaderSize + (lsn - _baseLsn);
            RandomAccess.Write(_handle, first, offset);
            if (!second.IsEmpty)
            {
                RandomAccess.Write(_handle, second, offset + first.Length);
            }
            _end = lsn + first.Length + second.Length;
        }
    }

    /// <inheritdoc/>
    public void Sync()
    {
        lock (_lock)
        {
            Posix.Fdatasync(_handle);
        }
    }

    /// <summary>
    /// Ends the current segment at <paramref name="lsn"/> (everything below it written and fsynced) and starts a new
    /// segment there, its header and directory entry fsynced before this returns.
    /// </summary>
    public void Rotate(long lsn)
    {
        lock (_lock)
        {
            if (lsn == _baseLsn)
            {
                return;
            }
            Debug.Assert(lsn == _end, "a segment must end where the log ends");
            RandomAccess.FlushToDisk(_handle);
            SafeFileHandle next = WalSegment.Create(_directory, lsn);
            _handle.Dispose();
            (_handle, _baseLsn) = (next, lsn);
        }
    }

    /// <summary>Closes the segment file.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _handle.Dispose();
        }
    }
}
