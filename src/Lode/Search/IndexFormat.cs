using System.Buffers.Binary;
using Lode.IO;

namespace Lode;

/// <summary>
/// The byte layout of a search index object (docs/format.md, "Search index"): a 64-byte header at offset 0
/// (written last), then per shard its text, suffix array (int32 LE) and sample, then the blob table and the
/// shard table. Every section is covered by a CRC32C.
/// </summary>
internal static class IndexFormat
{
    public static ReadOnlySpan<byte> Magic => "LODEIDX\0"u8;
    public const ushort Major = 1;
    public const ushort Minor = 0;
    public const int HeaderSize = 64;
    public const int ShardRecordSize = 56;
    public const int BlobRecordSize = 16;

    /// <summary>One shard: a run of text blobs and the suffix array over their concatenation.</summary>
    public readonly record struct ShardRecord(long TextOffset, long TextLength, long SuffixArrayOffset,
        long SampleOffset, int SampleLength, uint TextCrc, uint SuffixArrayCrc, int FirstBlob, int BlobCount);

    /// <summary>One text blob: the contents of one or more identical text files, inside one shard.</summary>
    public readonly record struct BlobRecord(int Shard, int Offset, int Length, uint Crc);

    /// <summary>The fixed header.</summary>
    public readonly record struct Header(int ShardCount, int BlobCount, long ShardTableOffset, long BlobTableOffset,
        uint ShardTableCrc, uint BlobTableCrc);

    public static void WriteHeader(Span<byte> destination, Header header)
    {
        destination[..HeaderSize].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], Major);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], Minor);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], header.ShardCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], header.BlobCount);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], header.ShardTableOffset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[32..], header.BlobTableOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], header.ShardTableCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[44..], header.BlobTableCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[60..], Crc32C.Compute(destination[..60]));
    }

    public static Header ReadHeader(ReadOnlySpan<byte> source, string where)
    {
        if (source.Length < HeaderSize || !source.StartsWith(Magic))
        {
            throw new CorruptDataException($"{where} is corrupt: it does not start with a search index header.");
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(source[60..]);
        uint actual = Crc32C.Compute(source[..60]);
        if (stored != actual)
        {
            throw new CorruptDataException($"{where} is corrupt: header CRC32C {stored:x8} expected, {actual:x8} found.");
        }
        ushort major = BinaryPrimitives.ReadUInt16LittleEndian(source[8..]);
        if (major != Major)
        {
            throw new LodeException($"{where} is a search index of format {major}.x; this Lode reads {Major}.x. Upgrade Lode or rebuild the index.");
        }
        return new Header(BinaryPrimitives.ReadInt32LittleEndian(source[12..]), BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]), BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[40..]), BinaryPrimitives.ReadUInt32LittleEndian(source[44..]));
    }

    public static void WriteShard(Span<byte> destination, ShardRecord shard)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, shard.TextOffset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], shard.TextLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], shard.SuffixArrayOffset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], shard.SampleOffset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[32..], shard.SampleLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], shard.TextCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], shard.SuffixArrayCrc);
        BinaryPrimitives.WriteInt32LittleEndian(destination[44..], shard.FirstBlob);
        BinaryPrimitives.WriteInt32LittleEndian(destination[48..], shard.BlobCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination[52..], 0);
    }

    public static ShardRecord ReadShard(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source), BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]), BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[32..]), BinaryPrimitives.ReadUInt32LittleEndian(source[36..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[40..]), BinaryPrimitives.ReadInt32LittleEndian(source[44..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[48..]));

    public static void WriteBlob(Span<byte> destination, BlobRecord blob)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, blob.Shard);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], blob.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], blob.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], blob.Crc);
    }

    public static BlobRecord ReadBlob(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt32LittleEndian(source), BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]), BinaryPrimitives.ReadUInt32LittleEndian(source[12..]));
}
