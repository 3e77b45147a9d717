using System.Buffers.Binary;
using Lode.IO;

namespace Lode;

/// <summary>
/// The byte layout of a search index (docs/format.md, "Search index"): a 64-byte header at offset 0 (written
/// last), then per shard a section with its text, suffix array and sample, then the blob table and the shard
/// table. Format 2 (written now) aligns the header block and every shard section to <see cref="SectionAlignment"/>
/// so an unchanged shard is carried into the next snapshot's index as whole blocks by reference, stores suffix array
/// entries in the narrowest width, and records each blob's content hash; format 1 (read only) has 4-byte entries
/// and no hashes. Every section is covered by a CRC32C.
/// </summary>
internal static class IndexFormat
{
    public static ReadOnlySpan<byte> Magic => "LODEIDX\0"u8;
    public const ushort Major = 2;
    public const ushort Minor = 0;
    public const int HeaderSize = 64;

    /// <summary>Format 2: the header block and every shard section start (and are padded) to this, the index stream's block size.</summary>
    public const int SectionAlignment = 64 << 10;

    public static int ShardRecordSize(int major) => major == 1 ? 56 : 64;

    public static int BlobRecordSize(int major) => major == 1 ? 16 : 32;

    /// <summary>One shard: a run of text blobs and the suffix array over their concatenation.</summary>
    public readonly record struct ShardRecord(long TextOffset, long TextLength, long SuffixArrayOffset,
        long SampleOffset, int SampleLength, uint TextCrc, uint SuffixArrayCrc, int FirstBlob, int BlobCount, int EntryBytes)
    {
        /// <summary>The suffix array's length in bytes.</summary>
        public long SuffixArrayLength => TextLength * EntryBytes;

        /// <summary>Format 2: the section's bytes from its text to the end of its sample, padded to <see cref="SectionAlignment"/>.</summary>
        public long SectionLength => Align(SampleOffset + SampleLength - TextOffset);
    }

    /// <summary>One text blob: the contents of one or more identical text files, inside one shard.</summary>
    /// <param name="Shard">The shard holding it.</param>
    /// <param name="Offset">Where it starts in the shard's text.</param>
    /// <param name="Length">Its length in bytes.</param>
    /// <param name="Crc">The CRC32C of its bytes.</param>
    /// <param name="Hash">The first 16 bytes of the contents' SHA-256 (format 2; zero in format 1).</param>
    public readonly record struct BlobRecord(int Shard, int Offset, int Length, uint Crc, UInt128 Hash);

    /// <summary>The fixed header.</summary>
    public readonly record struct Header(int Major, int ShardCount, int BlobCount, long ShardTableOffset, long BlobTableOffset,
        uint ShardTableCrc, uint BlobTableCrc);

    public static long Align(long offset) => (offset + SectionAlignment - 1) & ~(long)(SectionAlignment - 1);

    /// <summary>The blob key of a file: the first 16 bytes of its SHA-256.</summary>
    public static UInt128 BlobKey(ReadOnlySpan<byte> sha256) => BinaryPrimitives.ReadUInt128LittleEndian(sha256);

    public static void WriteHeader(Span<byte> destination, Header header)
    {
        destination[..HeaderSize].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], (ushort)header.Major);
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
        if (major is < 1 or > Major)
        {
            throw new LodeException($"{where} is a search index of format {major}.x; this Lode reads 1.x and {Major}.x. Upgrade Lode or rebuild the index with 'lode index build'.");
        }
        return new Header(major, BinaryPrimitives.ReadInt32LittleEndian(source[12..]), BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]), BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[40..]), BinaryPrimitives.ReadUInt32LittleEndian(source[44..]));
    }

    /// <summary>Writes a format-2 shard record (64 bytes).</summary>
    public static void WriteShard(Span<byte> destination, ShardRecord shard)
    {
        destination[..ShardRecordSize(Major)].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(destination, shard.TextOffset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], shard.TextLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], shard.SuffixArrayOffset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], shard.SampleOffset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[32..], shard.SampleLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], shard.TextCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], shard.SuffixArrayCrc);
        BinaryPrimitives.WriteInt32LittleEndian(destination[44..], shard.FirstBlob);
        BinaryPrimitives.WriteInt32LittleEndian(destination[48..], shard.BlobCount);
        destination[52] = (byte)shard.EntryBytes;
    }

    public static ShardRecord ReadShard(ReadOnlySpan<byte> source, int major) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source), BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]), BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[32..]), BinaryPrimitives.ReadUInt32LittleEndian(source[36..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[40..]), BinaryPrimitives.ReadInt32LittleEndian(source[44..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[48..]), major == 1 ? sizeof(int) : source[52]);

    /// <summary>Writes a format-2 blob record (32 bytes).</summary>
    public static void WriteBlob(Span<byte> destination, BlobRecord blob)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, blob.Shard);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], blob.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], blob.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], blob.Crc);
        BinaryPrimitives.WriteUInt128LittleEndian(destination[16..], blob.Hash);
    }

    public static BlobRecord ReadBlob(ReadOnlySpan<byte> source, int major) => new(
        BinaryPrimitives.ReadInt32LittleEndian(source), BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]), BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
        major == 1 ? UInt128.Zero : BinaryPrimitives.ReadUInt128LittleEndian(source[16..]));
}
