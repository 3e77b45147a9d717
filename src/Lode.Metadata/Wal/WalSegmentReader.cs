using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Lode.Metadata.Wal;

/// <summary>Reads one segment file record by record through a window buffer, checking every size against the file before use.</summary>
internal sealed class WalSegmentReader : IDisposable
{
    private const int WindowSize = 1 << 20;
    private readonly string _path;
    private readonly long _baseLsn;
    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private byte[] _window = new byte[WindowSize];
    private long _windowStart;
    private int _windowLength;

    /// <summary>Opens the segment at <paramref name="path"/> whose first record has address <paramref name="baseLsn"/>.</summary>
    public WalSegmentReader(string path, long baseLsn)
    {
        _path = path;
        _baseLsn = baseLsn;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _length = RandomAccess.GetLength(_handle);
    }

    /// <summary>Replays the segment's records into <paramref name="target"/>, updating <paramref name="result"/>.</summary>
    public void Replay(bool isLast, IWalReplayTarget target, WalReplayResult result)
    {
        if (_length < WalSegment.HeaderSize || !WalSegment.IsValidHeader(Window(0, WalSegment.HeaderSize), _baseLsn))
        {
            if (isLast && _length <= WalSegment.HeaderSize)
            {
                // Created but never finished (a crash while writing the header): no record can be in it.
                Truncate(0, result);
                RewriteHeader();
                return;
            }
            throw Corrupt(0, "has a damaged header");
        }
        long offset = WalSegment.HeaderSize;
        while (offset < _length)
        {
            long lsn = _baseLsn + offset - WalSegment.HeaderSize;
            int length = ValidRecordAt(offset, lsn);
            if (length == 0)
            {
                if (!isLast || AnyValidRecordAfter(offset))
                {
                    throw Corrupt(offset, $"has a damaged record at log address {lsn} with valid records after it");
                }
                Truncate(offset, result);
                break;
            }
            ReadOnlySpan<byte> record = Window(offset, length);
            if (!WalRecordDecoder.Apply(record, target))
            {
                throw Corrupt(offset, $"has a record at log address {lsn} whose checksum holds but whose contents are malformed");
            }
            result.Records++;
            result.MaxVersion = Math.Max(result.MaxVersion, WalRecord.VersionOf(record));
            offset += length;
        }
        result.EndLsn = _baseLsn + Math.Min(offset, _length) - WalSegment.HeaderSize;
    }

    /// <summary>The length of the valid record at <paramref name="offset"/> with address <paramref name="lsn"/>, or 0.</summary>
    private int ValidRecordAt(long offset, long lsn)
    {
        long remaining = _length - offset;
        if (remaining < WalRecord.MinSize)
        {
            return 0;
        }
        ReadOnlySpan<byte> header = Window(offset, 8);
        int declared = WalRecord.DeclaredLength(header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != WalRecord.Magic || declared < WalRecord.MinSize || declared > remaining
            || declared > WalRecord.MaxSize)
        {
            return 0;
        }
        return WalRecord.Check(Window(offset, declared), lsn);
    }

    /// <summary>True when a valid record (magic, length, CRC and the LSN of its place) starts anywhere after <paramref name="offset"/>.</summary>
    private bool AnyValidRecordAfter(long offset)
    {
        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, WalRecord.Magic);
        for (long at = offset + 1; at + WalRecord.MinSize <= _length;)
        {
            int span = (int)Math.Min(WindowSize, _length - at);
            int hit = Window(at, span).IndexOf(magic);
            if (hit < 0)
            {
                at += Math.Max(1, span - 3);
                continue;
            }
            long candidate = at + hit;
            if (ValidRecordAt(candidate, _baseLsn + candidate - WalSegment.HeaderSize) > 0)
            {
                return true;
            }
            at = candidate + 1;
        }
        return false;
    }

    /// <summary>Cuts the file at <paramref name="offset"/> (fsynced) and records the torn tail.</summary>
    private void Truncate(long offset, WalReplayResult result)
    {
        RandomAccess.SetLength(_handle, offset);
        RandomAccess.FlushToDisk(_handle);
        result.TornFile = _path;
        result.TornOffset = offset;
        result.TornBytes = _length - offset;
    }

    private void RewriteHeader()
    {
        _handle.Dispose();
        string directory = Path.GetDirectoryName(_path)!;
        WalSegment.Create(directory, _baseLsn).Dispose();
    }

    /// <summary>The file bytes [offset, offset + count), from the window (refilled when it does not hold them). count ≤ the bytes left.</summary>
    private ReadOnlySpan<byte> Window(long offset, int count)
    {
        if (offset < _windowStart || offset + count > _windowStart + _windowLength)
        {
            if (_window.Length < count)
            {
                _window = new byte[count];
            }
            _windowStart = offset;
            _windowLength = RandomAccess.Read(_handle, _window.AsSpan(0, (int)Math.Min(_window.Length, _length - offset)), offset);
            if (_windowLength < count)
            {
                throw new IOException($"{_path} ended while being read (at {offset + _windowLength} of {_length} bytes).");
            }
        }
        return _window.AsSpan((int)(offset - _windowStart), count);
    }

    private MetadataCorruptException Corrupt(long offset, string what) =>
        new($"The write-ahead log segment {_path} {what} (file offset {offset}). The store cannot be opened without losing the writes after it; restore the directory from a backup.",
            _path, offset);

    /// <summary>Closes the file.</summary>
    public void Dispose() => _handle.Dispose();
}
