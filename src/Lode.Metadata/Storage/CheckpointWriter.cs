using System.Buffers.Binary;
using Lode.IO;
using Microsoft.Win32.SafeHandles;

namespace Lode.Metadata.Storage;

/// <summary>
/// Writes a checkpoint file (<see cref="CheckpointFormat"/>) from records given in strictly increasing key order.
/// Bytes go to the file in chunks of up to 4 MiB; before each chunk the <c>beforeWrite</c> callback runs, which the
/// store uses to make the write-ahead log durable up to its tail, so no checkpoint byte reaches the disk before the
/// log record that produced it. Not thread-safe.
/// </summary>
internal sealed class CheckpointWriter : IDisposable
{
    private const int ChunkSize = 4 << 20;
    private readonly SafeFileHandle _handle;
    private readonly Action _beforeWrite;
    private readonly byte[] _chunk = new byte[ChunkSize];
    private byte[] _page = new byte[CheckpointFormat.PageTarget * 2];
    private byte[] _previousKey = new byte[256];
    private int _previousLength;
    private int _chunkLength;
    private int _pageLength;
    private int _pageEntries;
    private long _fileOffset;

    /// <summary>Creates (or replaces) the checkpoint file at <paramref name="path"/> and writes its header.</summary>
    public CheckpointWriter(string path, long number, long replayLsn, long records, Action beforeWrite)
    {
        _beforeWrite = beforeWrite;
        _handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        Append(CheckpointFormat.Header(number, replayLsn, records));
    }

    /// <summary>Keys written so far.</summary>
    public long Keys { get; private set; }

    /// <summary>Pages written so far.</summary>
    public long Pages { get; private set; }

    /// <summary>Adds one record; keys must arrive in strictly increasing order.</summary>
    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long version)
    {
        int shared = _pageEntries == 0 ? 0 : key.CommonPrefixLength(_previousKey.AsSpan(0, _previousLength));
        int need = 4 * Varint.MaxBytes + key.Length - shared + value.Length;
        if (_pageLength + need > _page.Length)
        {
            Array.Resize(ref _page, _pageLength + need);
        }
        Varint.Write(_page, ref _pageLength, (ulong)shared);
        Varint.Write(_page, ref _pageLength, (ulong)(key.Length - shared));
        Varint.Write(_page, ref _pageLength, (ulong)value.Length);
        Varint.Write(_page, ref _pageLength, (ulong)version);
        key[shared..].CopyTo(_page.AsSpan(_pageLength));
        _pageLength += key.Length - shared;
        value.CopyTo(_page.AsSpan(_pageLength));
        _pageLength += value.Length;
        if (_previousKey.Length < key.Length)
        {
            _previousKey = new byte[Math.Max(key.Length, _previousKey.Length * 2)];
        }
        key.CopyTo(_previousKey);
        _previousLength = key.Length;
        _pageEntries++;
        Keys++;
        if (_pageLength >= CheckpointFormat.PageTarget)
        {
            ClosePage();
        }
    }

    /// <summary>Writes the last page and the footer and fsyncs the file.</summary>
    public void Finish(long clock)
    {
        ClosePage();
        Append(CheckpointFormat.Footer(Keys, Pages, clock));
        FlushChunk();
        RandomAccess.FlushToDisk(_handle);
    }

    private void ClosePage()
    {
        if (_pageEntries == 0)
        {
            return;
        }
        Span<byte> header = stackalloc byte[CheckpointFormat.PageHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, CheckpointFormat.PageMagic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], _pageEntries);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], _pageLength);
        uint crc = Crc32C.Append(Crc32C.Compute(header[..12]), _page.AsSpan(0, _pageLength));
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], crc);
        Append(header);
        Append(_page.AsSpan(0, _pageLength));
        Pages++;
        _pageLength = 0;
        _pageEntries = 0;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_chunkLength == ChunkSize)
            {
                FlushChunk();
            }
            int n = Math.Min(bytes.Length, ChunkSize - _chunkLength);
            bytes[..n].CopyTo(_chunk.AsSpan(_chunkLength));
            _chunkLength += n;
            bytes = bytes[n..];
        }
    }

    private void FlushChunk()
    {
        if (_chunkLength == 0)
        {
            return;
        }
        _beforeWrite();
        RandomAccess.Write(_handle, _chunk.AsSpan(0, _chunkLength), _fileOffset);
        _fileOffset += _chunkLength;
        _chunkLength = 0;
    }

    /// <summary>Closes the file (an unfinished checkpoint is left for the next open to remove).</summary>
    public void Dispose() => _handle.Dispose();
}
