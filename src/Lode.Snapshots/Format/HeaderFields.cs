using System.Buffers.Binary;
using System.Text;
using Lode.IO;

namespace Lode.Snapshots.Format;

/// <summary>
/// The header's fields as numbers, and their exact encoding in the 1024-byte header (docs/format.md). Parsing
/// does not judge values: <see cref="Reading.HeaderValidator"/> does.
/// </summary>
internal sealed record HeaderFields(
    int Major,
    int Minor,
    int HeaderLength,
    long FileLength,
    long CreatedAtMicroseconds,
    Features RequiredFeatures,
    CompressionCodec Codec,
    ChunkingMethod ChunkingMethod,
    int StreamCount,
    int Level,
    int MinSize,
    int AverageSize,
    int MaxSize,
    string WriterVersion,
    Sha256Digest IntegrityRoot,
    EncryptionFields Encryption,
    RegionRef Descriptor,
    IReadOnlyList<StreamEntry> Streams)
{
    /// <summary>The header MAC (32 bytes; zero unless encrypted).</summary>
    public byte[] Mac { get; init; } = new byte[SnapshotLayout.MacSize];

    /// <summary>The file-wide defaults: the settings of every stream of a file without a descriptor.</summary>
    public StreamSettings Defaults => new(Codec, Level, new ChunkingOptions(ChunkingMethod, MinSize, AverageSize, MaxSize));

    /// <summary>Encodes the header into 1024 bytes, reserved fields zero, and the CRC32C last.</summary>
    public void Write(Span<byte> header)
    {
        header[..SnapshotLayout.HeaderSize].Clear();
        SnapshotLayout.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], (ushort)Major);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], (ushort)Minor);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], HeaderLength);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], FileLength);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], CreatedAtMicroseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[32..], (uint)RequiredFeatures);
        header[36] = (byte)Codec;
        header[37] = (byte)ChunkingMethod;
        header[38] = (byte)StreamCount;
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], Level);
        BinaryPrimitives.WriteInt32LittleEndian(header[44..], MinSize);
        BinaryPrimitives.WriteInt32LittleEndian(header[48..], AverageSize);
        BinaryPrimitives.WriteInt32LittleEndian(header[52..], MaxSize);
        var version = header.Slice(56, SnapshotLayout.WriterVersionSize);
        Encoding.UTF8.GetBytes(WriterVersion, version);
        IntegrityRoot.Write(header[88..]);
        if (Encryption.IsEncrypted)
        {
            Encryption.Write(header[SnapshotLayout.EncryptionOffset..]);
        }
        Descriptor.Write(header[SnapshotLayout.DescriptorOffset..]);
        for (int i = 0; i < Streams.Count; i++)
        {
            Streams[i].Write(header.Slice(SnapshotLayout.StreamTableOffset + (i * SnapshotLayout.StreamEntrySize), SnapshotLayout.StreamEntrySize));
        }
        Mac.CopyTo(header[SnapshotLayout.MacOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[SnapshotLayout.HeaderCrcOffset..],
            Crc32C.Compute(header[..SnapshotLayout.HeaderCrcOffset]));
    }

    /// <summary>
    /// Decodes the fields of a 1.x header (after magic, version and CRC were checked); stream names are decoded as
    /// ASCII up to the first zero byte, up to <paramref name="streamCount"/> rows.
    /// </summary>
    public static HeaderFields Read(ReadOnlySpan<byte> header, int streamCount)
    {
        var streams = new StreamEntry[streamCount];
        for (int i = 0; i < streamCount; i++)
        {
            streams[i] = StreamEntry.Read(header.Slice(SnapshotLayout.StreamTableOffset + (i * SnapshotLayout.StreamEntrySize), SnapshotLayout.StreamEntrySize));
        }
        var version = header.Slice(56, SnapshotLayout.WriterVersionSize);
        int versionEnd = version.IndexOf((byte)0);
        return new HeaderFields(
            BinaryPrimitives.ReadUInt16LittleEndian(header[8..]),
            BinaryPrimitives.ReadUInt16LittleEndian(header[10..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[24..]),
            (Features)BinaryPrimitives.ReadUInt32LittleEndian(header[32..]),
            (CompressionCodec)header[36],
            (ChunkingMethod)header[37],
            header[38],
            BinaryPrimitives.ReadInt32LittleEndian(header[40..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[44..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[48..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[52..]),
            Encoding.UTF8.GetString(versionEnd < 0 ? version : version[..versionEnd]),
            Sha256Digest.Read(header[88..]),
            EncryptionFields.Read(header[SnapshotLayout.EncryptionOffset..]),
            RegionRef.Read(header[SnapshotLayout.DescriptorOffset..]),
            streams)
        {
            Mac = header.Slice(SnapshotLayout.MacOffset, SnapshotLayout.MacSize).ToArray(),
        };
    }
}
