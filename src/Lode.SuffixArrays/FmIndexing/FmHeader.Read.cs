using System.Buffers.Binary;
using Lode.IO;

namespace Lode.SuffixArrays.FmIndexing;

internal sealed partial class FmHeader
{
    /// <summary>Reads, checks (CRC32C, every field and directory entry) and returns the header of <paramref name="source"/>.</summary>
    /// <exception cref="FmIndexFormatException">The header or directory is damaged or inconsistent.</exception>
    internal static FmHeader Read(IByteSource source)
    {
        if (source.Length < FixedLength + 4)
        {
            throw new FmIndexFormatException($"FM-index header: the source has {source.Length} bytes, fewer than the {FixedLength + 4} of an empty index.");
        }
        var fixedPart = Bytes(source, 0, FixedLength, "header").Span;
        if (!fixedPart[..8].SequenceEqual(Magic))
        {
            throw new FmIndexFormatException("FM-index header: bad magic (expected LODEFMI\\0).");
        }
        int version = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[8..]);
        if (version != Version)
        {
            throw new FmIndexFormatException($"FM-index header: format version {version}, this reader knows {Version}.");
        }
        long textLength = BinaryPrimitives.ReadInt64LittleEndian(fixedPart[16..]);
        if (textLength is < 0 or > int.MaxValue)
        {
            throw new FmIndexFormatException($"FM-index header: text length {textLength} is outside 0..2^31-1.");
        }
        int superblocks = SuperblockCountFor((int)textLength);
        int length = HeaderLengthFor(superblocks);
        if (source.Length < length)
        {
            throw new FmIndexFormatException($"FM-index header: {superblocks} superblocks need a {length}-byte header, but the source has {source.Length} bytes.");
        }
        var bytes = Bytes(source, 0, length, "header").Span;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(length - 4)..]);
        if (Crc32C.Compute(bytes[..(length - 4)]) != stored)
        {
            throw new FmIndexFormatException("FM-index header: CRC32C mismatch over the header and directory.");
        }
        var header = Parse(bytes, (int)textLength, superblocks);
        if (header.SerializedLength > source.Length)
        {
            throw new FmIndexFormatException($"FM-index directory: sections end at {header.SerializedLength}, beyond the source's {source.Length} bytes.");
        }
        return header;
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/>, lent in place when the source can
    /// (<see cref="IDirectByteSource"/>), else read into a new array; a short source is damage.</summary>
    internal static ReadOnlyMemory<byte> Bytes(IByteSource source, long offset, int length, string what)
    {
        try
        {
            return source.TryGetMemory(offset, length, out var lent) ? lent : source.ReadBytes(offset, length);
        }
        catch (EndOfStreamException e)
        {
            throw new FmIndexFormatException($"FM-index {what}: truncated ({e.Message}).", e);
        }
    }

    private static FmHeader Parse(ReadOnlySpan<byte> span, int textLength, int superblocks)
    {
        int sampleRate = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        int primary = BinaryPrimitives.ReadInt32LittleEndian(span[28..]);
        if (sampleRate is < 1 or > 65536 || !int.IsPow2(sampleRate))
        {
            throw new FmIndexFormatException($"FM-index header: sample rate {sampleRate} is not a power of two in 1..65536.");
        }
        if (span[12] != SuperblockShift || BinaryPrimitives.ReadInt32LittleEndian(span[32..]) != superblocks
            || span[13] != SampleWidthFor(textLength, sampleRate) || BinaryPrimitives.ReadInt32LittleEndian(span[36..]) != 0)
        {
            throw new FmIndexFormatException("FM-index header: superblock shift, superblock count, sample width or reserved fields disagree with the text length.");
        }
        if (textLength == 0 ? primary != -1 : (uint)primary >= (uint)textLength)
        {
            throw new FmIndexFormatException($"FM-index header: primary row {primary} is outside the {textLength} rows.");
        }
        var totals = new int[256];
        long sum = 0;
        for (int c = 0; c < 256; c++)
        {
            totals[c] = BinaryPrimitives.ReadInt32LittleEndian(span[(40 + c * 4)..]);
            sum += totals[c] < 0 ? int.MinValue : totals[c];
        }
        if (sum != textLength || (textLength > 0 && (totals[span[14]] == 0 || totals[span[15]] == 0)))
        {
            throw new FmIndexFormatException("FM-index header: symbol counts do not sum to the text length, or the filler or last symbol is not in the text.");
        }
        var sections = new FmSection[2 * superblocks];
        long offset = HeaderLengthFor(superblocks);
        for (int k = 0; k < sections.Length; k++)
        {
            var entry = span[(FixedLength + k * EntryLength)..];
            sections[k] = new FmSection(BinaryPrimitives.ReadInt64LittleEndian(entry), BinaryPrimitives.ReadInt32LittleEndian(entry[8..]), BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]));
            if (sections[k].Offset != offset || sections[k].Length is < 1 or > MaxSectionLength)
            {
                throw new FmIndexFormatException($"FM-index directory entry {k}: offset {sections[k].Offset} and length {sections[k].Length} do not continue the layout at {offset}.");
            }
            offset += sections[k].Length;
        }
        return new FmHeader(textLength, sampleRate, primary, span[14], span[15], totals, sections);
    }
}
