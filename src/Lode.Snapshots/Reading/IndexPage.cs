using System.Buffers.Binary;
using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Reading;

/// <summary>A decoded, validated index page: its block infos and each block's logical start. Immutable; thread-safe.</summary>
internal sealed class IndexPage
{
    private IndexPage(BlockInfo[] blocks, long[] starts)
    {
        Blocks = blocks;
        Starts = starts;
    }

    /// <summary>The block infos.</summary>
    public BlockInfo[] Blocks { get; }

    /// <summary>Logical offset in the stream of each block.</summary>
    public long[] Starts { get; }

    /// <summary>Approximate memory held, in bytes, for the page cache budget.</summary>
    public long Weight => 64 + (Blocks.Length * 72L);

    /// <summary>Decodes page <paramref name="pageNumber"/> of <paramref name="stream"/> from its bytes.</summary>
    /// <exception cref="SnapshotCorruptException">The page's CRC32C does not match.</exception>
    /// <exception cref="SnapshotFormatException">A block info is malformed or does not fit the file.</exception>
    public static IndexPage Parse(ReadOnlySpan<byte> bytes, StreamIndex stream, int pageNumber, BlockRules rules)
    {
        var entry = stream.Pages[pageNumber];
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        uint actual = Crc32C.Compute(bytes[..^4]);
        if (expected != actual)
        {
            throw new SnapshotCorruptException(
                $"Index page {pageNumber} (blocks {entry.FirstBlock}-{entry.FirstBlock + entry.BlockCount - 1}, at offset {entry.Offset}) of stream '{stream.Name}' is corrupt: CRC32C {expected:x8} expected, {actual:x8} found.",
                stream.Name, entry.FirstBlock, expected.ToString("x8"), actual.ToString("x8"));
        }
        if (!bytes.StartsWith(SnapshotLayout.PageMagic) || BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]) != entry.BlockCount)
        {
            throw new SnapshotFormatException($"Index page {pageNumber} of stream '{stream.Name}' at offset {entry.Offset} has a bad magic or block count.", entry.Offset);
        }
        var blocks = new BlockInfo[entry.BlockCount];
        var starts = new long[entry.BlockCount];
        long position = entry.FirstLogicalOffset;
        for (int i = 0; i < blocks.Length; i++)
        {
            var info = BlockInfo.Read(bytes[(8 + (i * BlockInfo.Size))..]);
            if (!IsValid(info, stream.Settings, rules))
            {
                throw new SnapshotFormatException(
                    $"Block {entry.FirstBlock + i} of stream '{stream.Name}' has a malformed block info ({info.Kind}, {info.LogicalLength} bytes, {info.StoredLength} stored at {info.StoredOffset}).",
                    entry.Offset + 8 + ((long)i * BlockInfo.Size));
            }
            starts[i] = position;
            position += info.LogicalLength;
            blocks[i] = info;
        }
        if (position != stream.PageEnd(pageNumber))
        {
            throw new SnapshotFormatException(
                $"Index page {pageNumber} of stream '{stream.Name}' covers logical bytes up to {position}, but the master index says {stream.PageEnd(pageNumber)}.", entry.Offset);
        }
        return new IndexPage(blocks, starts);
    }

    /// <summary>The block holding logical <paramref name="offset"/>, which lies inside this page.</summary>
    public int FindBlock(long offset)
    {
        int i = Array.BinarySearch(Starts, offset);
        return i >= 0 ? i : ~i - 1;
    }

    private static bool IsValid(in BlockInfo b, StreamSettings settings, BlockRules rules)
    {
        if (b.LogicalLength < 1 || b.LogicalLength > settings.Chunking.LargestBlock || (b.Kind != SnapshotBlockKind.Parent && b.ParentIndex != 0))
        {
            return false;
        }
        switch (b.Kind)
        {
            case SnapshotBlockKind.Zero:
                return !rules.Encrypted && b.Flags == 0 && b.StoredOffset == 0 && b.StoredLength == 0 && b.Crc == 0;
            case SnapshotBlockKind.Stored:
            case SnapshotBlockKind.Duplicate:
                int overhead = rules.Encrypted ? SnapshotLayout.CipherOverhead : 0;
                bool inFile = b.StoredOffset >= SnapshotLayout.HeaderSize && b.StoredLength >= 1
                    && b.StoredOffset <= rules.FileLength - b.StoredLength;
                bool sized = (b.Flags & ~BlockInfo.RawFlag) == 0 && (b.IsRaw
                    ? b.StoredLength == b.LogicalLength + overhead
                    : settings.Codec != CompressionCodec.None && b.StoredLength > overhead && b.StoredLength < b.LogicalLength + overhead);
                return inFile && sized;
            case SnapshotBlockKind.Parent:
                return b.Flags == 0 && b.ParentIndex < rules.ParentCount && b.ParentBlock >= 0
                    && b.ParentStream is >= 0 and < SnapshotLayout.MaxStreams && b.Crc == 0;
            default:
                return false;
        }
    }
}
