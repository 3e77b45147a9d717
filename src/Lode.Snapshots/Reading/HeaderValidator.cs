using System.Buffers.Binary;
using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Reading;

/// <summary>
/// Reads and judges the header: magic, version rules, CRC32C, then every field against the file's length, so
/// nothing later trusts a number that does not fit the file.
/// </summary>
internal static class HeaderValidator
{
    /// <summary>Reads the header of <paramref name="source"/>.</summary>
    /// <param name="source">The snapshot file.</param>
    /// <param name="header">Receives the header's 1024 bytes (for the MAC check).</param>
    /// <param name="warnings">Receives a warning when the file is a newer minor version.</param>
    /// <exception cref="SnapshotFormatException">Anything is wrong; the message says what and where.</exception>
    public static HeaderFields Read(IByteSource source, Span<byte> header, List<string> warnings)
    {
        long fileLength = source.Length;
        header = header[..(int)Math.Min(fileLength, SnapshotLayout.HeaderSize)];
        source.ReadExactlyAt(0, header);
        if (header.Length < 12)
        {
            throw new SnapshotFormatException($"The file is {fileLength} bytes, too short to be a snapshot.", 0);
        }
        if (!header.StartsWith(SnapshotLayout.Magic))
        {
            string why = header.ContainsAnyExcept((byte)0)
                ? "it does not start with the magic \"LODESNAP\""
                : "its header is zero, so its writer never finished";
            throw new SnapshotFormatException($"The file is not a valid snapshot: {why}.", 0);
        }
        var version = new SnapshotVersion(BinaryPrimitives.ReadUInt16LittleEndian(header[8..]), BinaryPrimitives.ReadUInt16LittleEndian(header[10..]));
        var current = SnapshotVersion.Current;
        if (version.Major != current.Major)
        {
            throw new SnapshotFormatException(
                $"The snapshot has format version {version}, but this reader reads only version {current.Major}.x (it writes {current}); use a Lode that reads {version.Major}.x.", 8);
        }
        if (header.Length < SnapshotLayout.HeaderSize)
        {
            throw Bad($"The file is {fileLength} bytes, shorter than the {SnapshotLayout.HeaderSize}-byte header: it is truncated.", 0);
        }
        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[SnapshotLayout.HeaderCrcOffset..]);
        uint actualCrc = Crc32C.Compute(header[..SnapshotLayout.HeaderCrcOffset]);
        if (storedCrc != actualCrc)
        {
            throw Bad($"The snapshot header is corrupt: CRC32C {storedCrc:x8} expected, {actualCrc:x8} found.", SnapshotLayout.HeaderCrcOffset);
        }
        int streamCount = header[38];
        if (streamCount > SnapshotLayout.MaxStreams)
        {
            throw Bad($"The header lists {streamCount} streams; at most {SnapshotLayout.MaxStreams} are allowed.", 38);
        }
        var fields = HeaderFields.Read(header, streamCount);
        Check(fields, header, fileLength);
        if (version.Minor > current.Minor)
        {
            warnings.Add($"The snapshot has format version {version}, newer than this reader's {current}; fields added after {current} are ignored.");
        }
        return fields;
    }

    private static void Check(HeaderFields h, ReadOnlySpan<byte> header, long fileLength)
    {
        if (h.HeaderLength != SnapshotLayout.HeaderSize)
        {
            throw Bad($"The header says it is {h.HeaderLength} bytes; format 1.x headers are {SnapshotLayout.HeaderSize}.", 12);
        }
        if (h.FileLength != fileLength)
        {
            throw Bad($"The header says the file is {h.FileLength} bytes, but it is {fileLength}: it was truncated or extended.", 16);
        }
        if ((h.RequiredFeatures & ~Features.Known) != 0)
        {
            throw Bad($"The snapshot needs features (bits {(uint)h.RequiredFeatures:x8}) that this reader does not have; use a newer Lode.", 32);
        }
        if (!Enum.IsDefined(h.Codec))
        {
            throw Bad($"The header names unknown codec {(byte)h.Codec}.", 36);
        }
        try
        {
            new ChunkingOptions(h.ChunkingMethod, h.MinSize, h.AverageSize, h.MaxSize).Validate();
        }
        catch (ArgumentException e)
        {
            throw new SnapshotFormatException($"The header's chunking parameters are invalid: {e.Message}", 37, e);
        }
        CheckEncryption(h, header);
        CheckDescriptor(h, header, fileLength);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < h.Streams.Count; i++)
        {
            CheckStream(h.Streams[i], fileLength, SnapshotLayout.StreamTableOffset + (i * SnapshotLayout.StreamEntrySize), names);
        }
    }

    private static void CheckEncryption(HeaderFields h, ReadOnlySpan<byte> header)
    {
        const int at = SnapshotLayout.EncryptionOffset;
        var e = h.Encryption;
        bool flagged = h.RequiredFeatures.HasFlag(Features.Encryption);
        if (!flagged)
        {
            if (header.Slice(at, EncryptionFields.Size).ContainsAnyExcept((byte)0) || header.Slice(SnapshotLayout.MacOffset, SnapshotLayout.MacSize).ContainsAnyExcept((byte)0))
            {
                throw Bad("The header has encryption parameters or a MAC, but its encryption feature bit is clear.", at);
            }
            return;
        }
        bool iterationsFit = e.Kdf == KdfId.RawKey
            ? e.Iterations == 0
            : e.Iterations is >= SnapshotEncryption.MinimumIterations and <= SnapshotEncryption.MaximumIterations;
        if (e.Kdf is not (KdfId.RawKey or KdfId.Pbkdf2Sha256) || e.Cipher != EncryptionFields.AesGcm
            || !EncryptionFields.ReservedIsZero(header[at..]) || !iterationsFit)
        {
            throw Bad($"The header's encryption parameters are invalid (KDF {(byte)e.Kdf}, cipher {e.Cipher}, {e.Iterations} iterations).", at);
        }
    }

    private static void CheckDescriptor(HeaderFields h, ReadOnlySpan<byte> header, long fileLength)
    {
        const int at = SnapshotLayout.DescriptorOffset;
        bool flagged = h.RequiredFeatures.HasFlag(Features.Descriptor);
        if (!flagged)
        {
            if (header.Slice(at, RegionRef.Size).ContainsAnyExcept((byte)0) || (h.RequiredFeatures & (Features.ParentBlocks | Features.Dictionary)) != 0)
            {
                throw Bad("The header points at a descriptor, or needs parents or a dictionary, but its descriptor feature bit is clear.", at);
            }
            return;
        }
        if (!h.Descriptor.FitsIn(fileLength, Descriptor.MaxSize) || BinaryPrimitives.ReadUInt32LittleEndian(header[(at + 12)..]) != 0)
        {
            throw Bad($"The descriptor ({h.Descriptor.Length} bytes at {h.Descriptor.Offset}) lies outside the file ({fileLength} bytes) or is too large.", at);
        }
    }

    private static void CheckStream(StreamEntry s, long fileLength, long at, HashSet<string> names)
    {
        if (!StreamNames.IsValid(s.Name) || !names.Add(s.Name))
        {
            throw Bad($"Stream entry at header offset {at} has an invalid or repeated name '{s.Name}'.", at);
        }
        bool countsFit = s.Length >= 0 && s.PageCount >= 0
            && s.PageCount <= s.BlockCount && s.BlockCount <= s.PageCount * (long)SnapshotLayout.MaxBlocksPerPage
            && s.BlockCount <= s.Length && s.Length / ChunkingOptions.LargestSize <= s.BlockCount;
        if (!countsFit)
        {
            throw Bad($"Stream '{s.Name}' has inconsistent counts: {s.Length} bytes, {s.BlockCount} blocks, {s.PageCount} index pages.", at);
        }
        long masterLength = SnapshotLayout.MasterLength(s.PageCount);
        if (masterLength > Array.MaxLength || s.MasterOffset < SnapshotLayout.HeaderSize || s.MasterOffset > fileLength - masterLength)
        {
            throw Bad($"The master index of stream '{s.Name}' ({masterLength} bytes at {s.MasterOffset}) lies outside the file ({fileLength} bytes).", at + 32);
        }
    }

    private static SnapshotFormatException Bad(string message, long offset) => new(message, offset);
}
