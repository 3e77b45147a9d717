using System.Buffers.Binary;
using Lode.IO;

namespace Lode;

/// <summary>
/// The byte layout of a search index (docs/format.md, "Search index"): a 64-byte header at offset 0 (written last,
/// padded to <see cref="SectionAlignment"/>), then one section per shard holding the shard's FM-index
/// (<see cref="Lode.SuffixArrays.FmIndex"/>) and nothing else — no copy of the text — then the blob table and the
/// shard table, each covered by a CRC32C in the header. Sections start at multiples of <see cref="SectionAlignment"/>,
/// so an unchanged shard is carried into the next snapshot's index as whole blocks by reference. Formats 1 and 2
/// (a plain suffix array and a copy of the text per shard) are recognised and no longer queried: a snapshot indexed
/// by them is searched by scanning its files until <c>lode index build</c> gives it a format-3 index.
/// </summary>
internal static class IndexFormat
{
    public static ReadOnlySpan<byte> Magic => "LODEIDX\0"u8;
    public const ushort Major = 3;
    public const ushort Minor = 0;
    public const int HeaderSize = 64;
    public const int ShardRecordSize = 64;
    public const int BlobRecordSize = 32;

    /// <summary>The header block and every shard section start (and are padded) to this, the index stream's block size.</summary>
    public const int SectionAlignment = 64 << 10;

    /// <summary>One shard: a run of text blobs and the FM-index over their concatenation.</summary>
    /// <param name="IndexOffset">Where the shard's FM-index starts in the index stream (a multiple of <see cref="SectionAlignment"/>).</param>
    /// <param name="IndexLength">The FM-index's length in bytes.</param>
    /// <param name="TextLength">Bytes of text the FM-index covers: the shard's blobs back to back.</param>
    /// <param name="FirstBlob">The shard's first blob number.</param>
    /// <param name="BlobCount">How many consecutive blob numbers the shard holds.</param>
    /// <param name="Key">The shard's identity: the first 16 bytes of the SHA-256 of its FM-index. A carried shard keeps
    /// it, so indexes that share a shard (by reference) name it alike, and a search over every snapshot searches it once.</param>
    public readonly record struct ShardRecord(long IndexOffset, long IndexLength, long TextLength, int FirstBlob, int BlobCount, UInt128 Key)
    {
        /// <summary>The section's bytes: the FM-index padded to <see cref="SectionAlignment"/>.</summary>
        public long SectionLength => Align(IndexLength);
    }

    /// <summary>One text blob: the contents of one or more identical text files, inside one shard.</summary>
    /// <param name="Shard">The shard holding it.</param>
    /// <param name="Offset">Where it starts in the shard's text.</param>
    /// <param name="Length">Its length in bytes.</param>
    /// <param name="Hash">The first 16 bytes of the contents' SHA-256: the blob's key.</param>
    public readonly record struct BlobRecord(int Shard, int Offset, int Length, UInt128 Hash);

    /// <summary>The fixed header.</summary>
    public readonly record struct Header(int Major, int ShardCount, int BlobCount, long ShardTableOffset, long BlobTableOffset,
        uint ShardTableCrc, uint BlobTableCrc);

    public static long Align(long offset) => (offset + SectionAlignment - 1) & ~(long)(SectionAlignment - 1);

    /// <summary>A key from a SHA-256: its first 16 bytes (a blob is keyed by its contents' hash, a shard by its FM-index's).</summary>
    public static UInt128 HashKey(ReadOnlySpan<byte> sha256) => BinaryPrimitives.ReadUInt128LittleEndian(sha256);

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

    /// <summary>Reads and checks the header; any major from 1 to <see cref="Major"/> is accepted (callers decide
    /// what they do with an older one).</summary>
    /// <exception cref="CorruptDataException">No header, or its CRC32C fails.</exception>
    /// <exception cref="LodeException">A newer format than this Lode reads.</exception>
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
            throw new LodeException($"{where} is a search index of format {major}.x; this Lode reads 1.x to {Major}.x. Upgrade Lode or rebuild the index with 'lode index build'.");
        }
        return new Header(major, BinaryPrimitives.ReadInt32LittleEndian(source[12..]), BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]), BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[40..]), BinaryPrimitives.ReadUInt32LittleEndian(source[44..]));
    }

    /// <summary>Writes a shard record (<see cref="ShardRecordSize"/> bytes).</summary>
    public static void WriteShard(Span<byte> destination, ShardRecord shard)
    {
        destination[..ShardRecordSize].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(destination, shard.IndexOffset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], shard.IndexLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], shard.TextLength);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], shard.FirstBlob);
        BinaryPrimitives.WriteInt32LittleEndian(destination[28..], shard.BlobCount);
        BinaryPrimitives.WriteUInt128LittleEndian(destination[32..], shard.Key);
    }

    public static ShardRecord ReadShard(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source), BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]), BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[28..]), BinaryPrimitives.ReadUInt128LittleEndian(source[32..]));

    /// <summary>Writes a blob record (<see cref="BlobRecordSize"/> bytes).</summary>
    public static void WriteBlob(Span<byte> destination, BlobRecord blob)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, blob.Shard);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], blob.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], blob.Length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], 0);
        BinaryPrimitives.WriteUInt128LittleEndian(destination[16..], blob.Hash);
    }

    public static BlobRecord ReadBlob(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt32LittleEndian(source), BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]), BinaryPrimitives.ReadUInt128LittleEndian(source[16..]));
}
