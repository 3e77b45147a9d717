using Lode.IO;
using Lode.SuffixArrays.FmIndexing;

namespace Lode.SuffixArrays;

/// <summary>
/// A compressed full-text index of one byte text (an FM-index: Ferragina and Manzini, "Opportunistic data
/// structures with applications", FOCS 2000): counts the occurrences of a pattern by backward search and
/// locates them with text-order suffix array samples, reading its sections lazily through an
/// <see cref="IByteSource"/>.
/// </summary>
/// <remarks>
/// <para>
/// The BWT (row i holds T[SA[i] − 1]; rows are the suffix array's, with no terminator row) is cut into
/// superblocks of 65,536 rows. Each is a Huffman-shaped wavelet tree over its local alphabet, as in fixed
/// block compression boosting (Gog, Kärkkäinen, Kempa, Petri, Puglisi, Algorithmica 2019) and sdsl-lite's
/// <c>csa_wt</c>/<c>wt_huff</c>, whose node bitvectors are hybrid bitvectors (Kärkkäinen, Kempa, Puglisi,
/// DCC 2014). Suffix array samples are text-order (SA[i] % s == 0), marked per 256-row block.
/// </para>
/// <para>Serialized layout (format 1), all integers little-endian:</para>
/// <list type="bullet">
/// <item>Header, 1,064 bytes: magic <c>LODEFMI\0</c>; u32 version (1); u8 superblock shift (16); u8 sample
/// width w = bit length of ⌊(n − 1)/s⌋ (at least 1); u8 filler symbol; u8 the text's last byte; u64 text length n; u32 sample rate s; i32 primary
/// row (SA[row] = 0; −1 when n = 0); u32 superblock count k = ⌈n/65,536⌉; u32 0; 256 × u32 symbol totals.</item>
/// <item>Directory: 2k entries of (u64 offset, u32 length, u32 CRC32C): BWT superblocks 0..k−1, then sample
/// chunks 0..k−1, contiguous from the end of the header; then u32 CRC32C of header and directory.</item>
/// <item>BWT superblock: σ × u32 counts of each text symbol before it; u16 m; m symbols; when m ≥ 2, m code
/// lengths (canonical Huffman, complete), m × u16 frequencies, then one hybrid bitvector per internal
/// node: (blocks + 1) × (u16 ones before, u16 payload offset), then 512-bit block payloads — none (all
/// equal), 64 bytes (plain), ⌈9k/8⌉ bytes (the k minority-bit positions, 9 bits each), or one bit for the
/// first run's value and 9-bit run starts; the encoding follows from the payload length and the block's
/// ones. The primary row holds the filler symbol, which ranks exclude; LF adds 1 to the start of the
/// text's last byte (its one-byte suffix has no BWT row before it).</item>
/// <item>Sample chunk (the same 65,536 rows): u32 M marked rows; per 256-row block a u16 count before
/// it; M in-block offset bytes; M values ⌊SA/s⌋ of w bits packed LSB first.</item>
/// </list>
/// <para>
/// Sections are used in place when the source lends them (<see cref="IDirectByteSource"/>: a memory region, a
/// memory-mapped file), so a loaded superblock costs its CRC32C, its page faults and a small parsed directory, not a
/// copy; other sources are read into one array per section.
/// </para>
/// <para>
/// Checks: a section is read on first use, its CRC32C checked, then only what bounds memory reads and
/// loops, O(1) per 512-bit block or 256-row block (counts within the header's totals, a complete prefix
/// code, frequencies summing to the rows, bitvector directories inside the section with per-block ones
/// within the block, non-decreasing payload offsets and payloads of at most 64 bytes, sample block counts
/// non-decreasing and within the rows). <see cref="Verify"/> also checks every block's payload against its
/// ones count, every sample chunk's offsets and values, and the counts' continuity across superblocks.
/// Damage behind a recomputed CRC that only <see cref="Verify"/> sees can give wrong answers (ranks are
/// clamped to their node, so never an out-of-range read), or an <see cref="FmIndexFormatException"/> when a
/// rank, LF step or position leaves the rows or the text; callers confirm matches against the text.
/// </para>
/// <para>
/// Thread-safety: all members are safe to call concurrently. Sections are read, checked and published on
/// first use without locks. The index does not own the source; keep it open
/// while the index is used.
/// </para>
/// </remarks>
public sealed partial class FmIndex
{
    private readonly IByteSource _source;
    private readonly FmHeader _header;
    private readonly BwtSuperblock?[] _superblocks;
    private readonly SampleChunk?[] _chunks;

    private FmIndex(IByteSource source, FmHeader header)
    {
        _source = source;
        _header = header;
        _superblocks = new BwtSuperblock?[header.SuperblockCount];
        _chunks = new SampleChunk?[header.SuperblockCount];
    }

    /// <summary>The length of the indexed text, in bytes (also the number of BWT rows).</summary>
    public long TextLength => _header.TextLength;

    /// <summary>The serialized size of the index, in bytes: header, directory and every section.</summary>
    public long SizeInBytes => _header.SerializedLength;

    /// <summary>Builds the serialized index of <paramref name="text"/> from its suffix array.</summary>
    /// <param name="text">Any bytes; fewer than 2^31.</param>
    /// <param name="suffixArray">The suffix array of <paramref name="text"/> (as from <see cref="SuffixArray.Build"/>).</param>
    /// <param name="options">Sampling; null for the defaults.</param>
    /// <returns>A new array the caller owns, to store and later <see cref="Open"/>.</returns>
    /// <exception cref="ArgumentException">The suffix array's length differs from the text's, or an entry is not a text position.</exception>
    public static byte[] Build(ReadOnlySpan<byte> text, ReadOnlySpan<int> suffixArray, FmIndexOptions? options = null)
    {
        if (suffixArray.Length != text.Length)
        {
            throw new ArgumentException($"The suffix array has {suffixArray.Length} entries for a {text.Length}-byte text.", nameof(suffixArray));
        }
        return FmIndexWriter.Write(text, suffixArray, (options ?? new FmIndexOptions()).SampleRate);
    }

    /// <summary>
    /// Opens a serialized index, reading and checking only its header and directory; sections are read (or, from an
    /// <see cref="IDirectByteSource"/>, lent) on first use. The index does not own <paramref name="source"/> and never
    /// disposes it; lent sections stay valid after the source is disposed.
    /// </summary>
    /// <exception cref="FmIndexFormatException">The header or directory is damaged.</exception>
    /// <exception cref="IOException">The source failed.</exception>
    public static FmIndex Open(IByteSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new FmIndex(source, FmHeader.Read(source));
    }

    /// <summary>
    /// Reads every section again and checks its CRC32C and structure, including what loading leaves out
    /// (every bitvector block's payload against its ones count, every sample's offset and value), and that
    /// each superblock's symbol counts continue the previous one's and end at the header's totals.
    /// </summary>
    /// <exception cref="FmIndexFormatException">Some section, or the header, is damaged; the message says which.</exception>
    /// <exception cref="IOException">The source failed.</exception>
    public void Verify()
    {
        FmHeader.Read(_source);
        var counts = new int[256];
        for (int k = 0; k < _header.SuperblockCount; k++)
        {
            var superblock = BwtSuperblock.Parse(ReadSection(k), _header, k);
            FormatChecks.Require(superblock.PayloadsAreValid(), "BWT superblock", k, "a bitvector block's payload disagrees with its ones count");
            FormatChecks.Require(SampleChunk.Parse(ReadSection(_header.SuperblockCount + k), _header, k).MarksAreValid(), "sample chunk", k, "a block's marked offsets are not increasing rows of the block, or a sample points beyond the text");
            foreach (byte symbol in _header.Alphabet)
            {
                FormatChecks.Require(superblock.CountBefore(symbol, out int through) == counts[symbol], "BWT superblock", k, "a symbol count before it disagrees with the superblocks before");
                counts[symbol] = through;
            }
        }
        FormatChecks.Require(counts.AsSpan().SequenceEqual(_header.BwtTotals), "BWT superblock", _header.SuperblockCount - 1, "the symbol counts do not end at the header's totals");
    }

    private BwtSuperblock Superblock(int index) =>
        Volatile.Read(ref _superblocks[index]) ?? Publish(ref _superblocks[index], BwtSuperblock.Parse(ReadSection(index), _header, index));

    private SampleChunk Chunk(int index) =>
        Volatile.Read(ref _chunks[index]) ?? Publish(ref _chunks[index], SampleChunk.Parse(ReadSection(_header.SuperblockCount + index), _header, index));

    private static T Publish<T>(ref T? slot, T loaded)
        where T : class => Interlocked.CompareExchange(ref slot, loaded, null) ?? loaded;

    /// <summary>A section's bytes, lent in place when the source can (<see cref="IDirectByteSource"/>), else read into a
    /// new array; its CRC32C checked either way.</summary>
    private ReadOnlyMemory<byte> ReadSection(int section)
    {
        var entry = _header.Sections[section];
        string name = section < _header.SuperblockCount ? $"BWT superblock {section}" : $"sample chunk {section - _header.SuperblockCount}";
        var bytes = FmHeader.Bytes(_source, entry.Offset, entry.Length, name);
        if (Crc32C.Compute(bytes.Span) != entry.Crc)
        {
            throw new FmIndexFormatException($"FM-index {name}: CRC32C mismatch (offset {entry.Offset}, {entry.Length} bytes).");
        }
        return bytes;
    }
}
