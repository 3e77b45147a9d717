using System.Buffers.Binary;
using Lode.IO;
using Lode.Metadata.Wal;
using Microsoft.Win32.SafeHandles;

namespace Lode.Metadata.Storage;

/// <summary>
/// Loads a checkpoint file into the tree: checks the header against the manifest, every page's CRC, every length
/// against the page and the limits, strict key order, and the footer's counts. Any failure is corruption naming
/// the file and offset; nothing is allocated from an unchecked size.
/// </summary>
internal sealed class CheckpointReader : IDisposable
{
    private readonly string _path;
    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private byte[] _previousKey = new byte[256];
    private int _previousLength;

    /// <summary>Opens the checkpoint the manifest names.</summary>
    /// <exception cref="MetadataCorruptException">The file is missing.</exception>
    public CheckpointReader(string directory, Manifest manifest)
    {
        _path = Path.Combine(directory, CheckpointFormat.FileName(manifest.CheckpointNumber));
        try
        {
            _handle = File.OpenHandle(_path, FileMode.Open, FileAccess.Read);
        }
        catch (FileNotFoundException)
        {
            throw new MetadataCorruptException(
                $"The checkpoint {_path} that the manifest names is missing; the log before it has been truncated, so the store cannot be recovered. Restore the directory from a backup.",
                _path, -1);
        }
        _length = RandomAccess.GetLength(_handle);
    }

    /// <summary>Loads every record into <paramref name="target"/>; returns the footer's version clock.</summary>
    public long Load(Manifest manifest, IWalReplayTarget target)
    {
        var fixedPart = new byte[CheckpointFormat.HeaderSize];
        if (_length < 2 * CheckpointFormat.HeaderSize || ReadAt(0, fixedPart) != fixedPart.Length
            || !CheckpointFormat.IsValidHeader(fixedPart, manifest.CheckpointNumber, manifest.ReplayLsn, manifest.Records))
        {
            throw Corrupt(0, "has a damaged header, or one that does not match the manifest");
        }
        long footerAt = _length - CheckpointFormat.HeaderSize;
        ReadAt(footerAt, fixedPart);
        var footer = CheckpointFormat.ReadFooter(fixedPart) ?? throw Corrupt(footerAt, "has a damaged footer (the file is incomplete)");
        long offset = CheckpointFormat.HeaderSize;
        long keys = 0;
        long pages = 0;
        var page = new byte[CheckpointFormat.PageTarget * 2];
        Span<byte> header = stackalloc byte[CheckpointFormat.PageHeaderSize];
        while (offset < footerAt)
        {
            if (footerAt - offset < CheckpointFormat.PageHeaderSize || ReadAt(offset, header) != header.Length)
            {
                throw Corrupt(offset, "ends inside a page header");
            }
            int entries = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            int payload = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != CheckpointFormat.PageMagic || entries <= 0 || payload <= 0
                || payload > CheckpointFormat.MaxPayload || payload > footerAt - offset - CheckpointFormat.PageHeaderSize)
            {
                throw Corrupt(offset, "has a damaged page header");
            }
            if (page.Length < payload)
            {
                page = new byte[payload];
            }
            Span<byte> bytes = page.AsSpan(0, payload);
            ReadAt(offset + CheckpointFormat.PageHeaderSize, bytes);
            if (Crc32C.Append(Crc32C.Compute(header[..12]), bytes) != BinaryPrimitives.ReadUInt32LittleEndian(header[12..]))
            {
                throw Corrupt(offset, "has a page whose checksum does not match");
            }
            if (!LoadPage(bytes, entries, target))
            {
                throw Corrupt(offset, "has a page with malformed or out-of-order entries");
            }
            keys += entries;
            pages++;
            offset += CheckpointFormat.PageHeaderSize + payload;
        }
        if (keys != footer.Keys || pages != footer.Pages || keys != manifest.Keys)
        {
            throw Corrupt(footerAt, $"holds {keys} keys in {pages} pages, but its footer says {footer.Keys} in {footer.Pages} and the manifest {manifest.Keys} keys");
        }
        return footer.Clock;
    }

    private bool LoadPage(ReadOnlySpan<byte> page, int entries, IWalReplayTarget target)
    {
        int at = 0;
        for (int i = 0; i < entries; i++)
        {
            if (!Varint.TryRead(page, ref at, out ulong shared) || !Varint.TryRead(page, ref at, out ulong suffix)
                || !Varint.TryRead(page, ref at, out ulong valueLength) || !Varint.TryRead(page, ref at, out ulong version))
            {
                return false;
            }
            if ((i == 0 && shared != 0) || shared > (ulong)_previousLength || shared + suffix == 0 || shared + suffix > MetadataStore.MaxKeyBytes
                || valueLength > MetadataStore.MaxValueBytes || version == 0 || version > long.MaxValue
                || suffix + valueLength > (ulong)(page.Length - at))
            {
                return false;
            }
            int keyLength = (int)(shared + suffix);
            if (_previousKey.Length < keyLength)
            {
                Array.Resize(ref _previousKey, Math.Max(keyLength, _previousKey.Length * 2));
            }
            ReadOnlySpan<byte> suffixBytes = page.Slice(at, (int)suffix);
            // Strict order: the new key differs from the previous one first inside the suffix, with a larger byte, or extends it.
            ReadOnlySpan<byte> previousTail = _previousKey.AsSpan((int)shared, _previousLength - (int)shared);
            if (_previousLength > 0 && suffixBytes.SequenceCompareTo(previousTail) <= 0)
            {
                return false;
            }
            suffixBytes.CopyTo(_previousKey.AsSpan((int)shared));
            _previousLength = keyLength;
            at += (int)suffix;
            target.Put(_previousKey.AsSpan(0, keyLength), page.Slice(at, (int)valueLength), (long)version);
            at += (int)valueLength;
        }
        return at == page.Length;
    }

    private int ReadAt(long offset, Span<byte> buffer) => RandomAccess.Read(_handle, buffer, offset);

    private MetadataCorruptException Corrupt(long offset, string what) =>
        new($"The checkpoint {_path} {what} (file offset {offset}). The store cannot be recovered from it; restore the directory from a backup.",
            _path, offset);

    /// <summary>Closes the file.</summary>
    public void Dispose() => _handle.Dispose();
}
