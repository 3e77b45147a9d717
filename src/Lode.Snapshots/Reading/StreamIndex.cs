using System.Buffers.Binary;
using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Reading;

/// <summary>One stream's master index, validated: its pages and where each starts logically. Immutable; thread-safe.</summary>
internal sealed class StreamIndex
{
    private StreamIndex(StreamEntry entry, int position, StreamSettings settings, PageEntry[] pages)
    {
        Name = entry.Name;
        Position = position;
        Settings = settings;
        Length = entry.Length;
        BlockCount = entry.BlockCount;
        Pages = pages;
    }

    /// <summary>The stream's name.</summary>
    public string Name { get; }

    /// <summary>The stream's position in the header's stream table.</summary>
    public int Position { get; }

    /// <summary>The stream's codec, level and chunking.</summary>
    public StreamSettings Settings { get; }

    /// <summary>Logical length in bytes.</summary>
    public long Length { get; }

    /// <summary>Blocks of every kind.</summary>
    public long BlockCount { get; }

    /// <summary>The index pages in logical order.</summary>
    public PageEntry[] Pages { get; }

    /// <summary>Reads and validates a stream's master index: its SHA-256 against the header, then every entry against the file.</summary>
    /// <exception cref="SnapshotCorruptException">The master index does not match its SHA-256.</exception>
    /// <exception cref="SnapshotFormatException">An entry does not fit the file or the stream.</exception>
    public static StreamIndex Load(IByteSource source, StreamEntry entry, int position, StreamSettings settings)
    {
        var bytes = source.ReadBytes(entry.MasterOffset, checked((int)SnapshotLayout.MasterLength(entry.PageCount)));
        var actual = Sha256Digest.Compute(bytes);
        if (actual != entry.MasterSha256)
        {
            throw new SnapshotCorruptException(
                $"The master index of stream '{entry.Name}' (at offset {entry.MasterOffset}) is corrupt: SHA-256 {entry.MasterSha256} expected, {actual} found.",
                entry.Name, -1, entry.MasterSha256.ToString(), actual.ToString());
        }
        if (!bytes.AsSpan().StartsWith(SnapshotLayout.MasterMagic) || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)) != entry.PageCount)
        {
            throw new SnapshotFormatException($"The master index of stream '{entry.Name}' at offset {entry.MasterOffset} has a bad magic or page count.", entry.MasterOffset);
        }
        var pages = new PageEntry[entry.PageCount];
        long nextBlock = 0;
        for (int i = 0; i < pages.Length; i++)
        {
            var page = PageEntry.Read(bytes.AsSpan(8 + (i * PageEntry.Size)));
            long previousStart = i == 0 ? -1 : pages[i - 1].FirstLogicalOffset;
            bool fits = page.BlockCount is >= 1 and <= SnapshotLayout.MaxBlocksPerPage
                && page.Length == SnapshotLayout.PageLength(page.BlockCount)
                && page.Offset >= SnapshotLayout.HeaderSize && page.Offset <= source.Length - page.Length
                && page.FirstBlock == nextBlock
                && (i == 0 ? page.FirstLogicalOffset == 0 : page.FirstLogicalOffset > previousStart)
                && page.FirstLogicalOffset < entry.Length;
            if (!fits)
            {
                throw new SnapshotFormatException(
                    $"Entry {i} of the master index of stream '{entry.Name}' (page at {page.Offset}, {page.Length} bytes, {page.BlockCount} blocks from block {page.FirstBlock}, logical offset {page.FirstLogicalOffset}) does not fit the file or the stream.",
                    entry.MasterOffset + 8 + ((long)i * PageEntry.Size));
            }
            nextBlock += page.BlockCount;
            pages[i] = page;
        }
        if (nextBlock != entry.BlockCount)
        {
            throw new SnapshotFormatException($"The master index of stream '{entry.Name}' lists {nextBlock} blocks; the header says {entry.BlockCount}.", entry.MasterOffset);
        }
        return new StreamIndex(entry, position, settings, pages);
    }

    /// <summary>The page holding logical <paramref name="offset"/> (0 &lt;= offset &lt; Length).</summary>
    public int FindPage(long offset) => LastPageAtOrBefore(offset, byBlock: false);

    /// <summary>The page holding block <paramref name="block"/> (0 &lt;= block &lt; BlockCount).</summary>
    public int FindPageOfBlock(long block) => LastPageAtOrBefore(block, byBlock: true);

    /// <summary>The logical offset just past page <paramref name="page"/>.</summary>
    public long PageEnd(int page) => page + 1 < Pages.Length ? Pages[page + 1].FirstLogicalOffset : Length;

    /// <summary>Binary search: the last page whose first logical offset (or first block) is at most <paramref name="value"/>.</summary>
    private int LastPageAtOrBefore(long value, bool byBlock)
    {
        int lo = 0;
        int hi = Pages.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            long first = byBlock ? Pages[mid].FirstBlock : Pages[mid].FirstLogicalOffset;
            if (first <= value)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
