namespace Lode.Snapshots.Format;

/// <summary>Sizes, offsets and magic numbers of the container (docs/format.md, "Snapshot container").</summary>
internal static class SnapshotLayout
{
    /// <summary>"LODESNAP" in ASCII: the first 8 bytes of every snapshot file.</summary>
    public static ReadOnlySpan<byte> Magic => "LODESNAP"u8;

    /// <summary>"LIDX": the first 4 bytes of an index page.</summary>
    public static ReadOnlySpan<byte> PageMagic => "LIDX"u8;

    /// <summary>"LMIX": the first 4 bytes of a master index.</summary>
    public static ReadOnlySpan<byte> MasterMagic => "LMIX"u8;

    /// <summary>The header's size in bytes, at offset 0, in every 1.x file.</summary>
    public const int HeaderSize = 1024;

    /// <summary>The most streams one file holds.</summary>
    public const int MaxStreams = 8;

    /// <summary>The most block infos one index page holds.</summary>
    public const int MaxBlocksPerPage = 4096;

    /// <summary>The size of a stream-table entry in the header.</summary>
    public const int StreamEntrySize = 80;

    /// <summary>Where the stream table starts in the header.</summary>
    public const int StreamTableOffset = 256;

    /// <summary>Where the header CRC32C sits; it covers bytes [0, 1020).</summary>
    public const int HeaderCrcOffset = HeaderSize - 4;

    /// <summary>The size of the writer-version field (UTF-8, zero-padded).</summary>
    public const int WriterVersionSize = 32;

    /// <summary>Where the encryption field (72 bytes) sits in the header.</summary>
    public const int EncryptionOffset = 136;

    /// <summary>Where the descriptor reference (48 bytes) sits in the header.</summary>
    public const int DescriptorOffset = 208;

    /// <summary>Where the header MAC sits: HMAC-SHA256 under the MAC key of header bytes [0, 1020), the MAC field taken as zeros; 0 unless encrypted.</summary>
    public const int MacOffset = 896;

    /// <summary>The size of the header MAC in bytes.</summary>
    public const int MacSize = 32;

    /// <summary>The most parents one file lists (the parent index of a block info is a u16).</summary>
    public const int MaxParents = ushort.MaxValue;

    /// <summary>The lowest zstd level a file may record.</summary>
    public const int MinLevel = -7;

    /// <summary>The highest zstd level a file may record.</summary>
    public const int MaxLevel = 22;

    /// <summary>The largest dictionary (plaintext) a reader accepts: 1 MiB.</summary>
    public const int MaxDictionaryLength = 1 << 20;

    /// <summary>What encryption adds to stored bytes: a 12-byte nonce before and a 16-byte tag after.</summary>
    public const int CipherOverhead = 28;

    /// <summary>Index page: magic, block count, infos, CRC32C.</summary>
    public static int PageLength(int blockCount) => 8 + (blockCount * BlockInfo.Size) + 4;

    /// <summary>Master index: magic, page count, entries.</summary>
    public static long MasterLength(long pageCount) => 8 + (pageCount * PageEntry.Size);
}
