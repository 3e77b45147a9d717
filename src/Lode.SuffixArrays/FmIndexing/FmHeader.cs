using System.Buffers.Binary;
using System.Numerics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>
/// The header and section directory of a serialized FM-index (format 1; layout in <see cref="FmIndex"/>'s
/// remarks). Sections 0..k−1 are the BWT superblocks, k..2k−1 the sample chunks, contiguous after the header.
/// </summary>
internal sealed partial class FmHeader
{
    internal const int Version = 1;
    internal const int SuperblockShift = 16;
    internal const int SuperblockRows = 1 << SuperblockShift;
    internal const int FixedLength = 40 + 256 * 4;
    internal const int EntryLength = 16;
    internal const int MaxSectionLength = 4 << 20;
    internal static ReadOnlySpan<byte> Magic => "LODEFMI\0"u8;

    internal FmHeader(int textLength, int sampleRate, int primary, byte filler, byte last, int[] totals, FmSection[] sections)
    {
        Last = last;
        TextLength = textLength;
        SampleRate = sampleRate;
        Primary = primary;
        Filler = filler;
        Totals = totals;
        Sections = sections;
        SuperblockCount = SuperblockCountFor(textLength);
        SampleWidth = SampleWidthFor(textLength, sampleRate);
        Starts = new int[257];
        BwtTotals = (int[])totals.Clone();
        LastToFirstStarts = new int[256];
        for (int c = 0; c < 256; c++)
        {
            Starts[c + 1] = Starts[c] + totals[c];
        }
        if (textLength > 0)
        {
            BwtTotals[last]--;
        }
        for (int c = 0; c < 256; c++)
        {
            LastToFirstStarts[c] = Starts[c] + totals[c] - BwtTotals[c];
        }
        var alphabet = new List<byte>(256);
        AlphabetIndex = new int[256];
        for (int c = 0; c < 256; c++)
        {
            AlphabetIndex[c] = totals[c] > 0 ? alphabet.Count : -1;
            if (totals[c] > 0)
            {
                alphabet.Add((byte)c);
            }
        }
        Alphabet = [.. alphabet];
    }

    internal int TextLength { get; }

    internal int SampleRate { get; }

    /// <summary>The row whose suffix is the whole text (no preceding symbol); −1 for the empty text.</summary>
    internal int Primary { get; }

    /// <summary>The symbol stored in the wavelet tree at <see cref="Primary"/>, excluded from ranks.</summary>
    internal byte Filler { get; }

    /// <summary>The text's last byte (the one symbol no BWT row precedes).</summary>
    internal byte Last { get; }

    /// <summary>Occurrences of each byte value in the BWT, the primary row excluded: the text's, less its last byte.</summary>
    internal int[] BwtTotals { get; }

    /// <summary>
    /// Per byte value c, the row LF maps the first c of the BWT to: <see cref="Starts"/>[c], plus 1 when c is
    /// the last byte (its one-byte suffix sorts first among c's and no row precedes it).
    /// </summary>
    internal int[] LastToFirstStarts { get; }

    /// <summary>Occurrences of each byte value in the text.</summary>
    internal int[] Totals { get; }

    /// <summary>Per byte value c, the number of text symbols smaller than c (257 entries).</summary>
    internal int[] Starts { get; }

    /// <summary>The text's distinct bytes, increasing.</summary>
    internal byte[] Alphabet { get; }

    /// <summary>Per byte value, its position in <see cref="Alphabet"/> (where a superblock keeps its count), or −1.</summary>
    internal int[] AlphabetIndex { get; }

    internal int SuperblockCount { get; }

    /// <summary>Bits per stored sample value (⌊SA/s⌋).</summary>
    internal int SampleWidth { get; }

    internal FmSection[] Sections { get; }

    internal int Length => HeaderLengthFor(SuperblockCount);

    internal long SerializedLength => Sections.Length == 0 ? Length : Sections[^1].Offset + Sections[^1].Length;

    internal static int SuperblockCountFor(int textLength) => (int)(((long)textLength + SuperblockRows - 1) >> SuperblockShift);

    internal static int SampleWidthFor(int textLength, int sampleRate) =>
        Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)Math.Max(0, textLength - 1) / (uint)sampleRate));

    internal static int HeaderLengthFor(int superblocks) => FixedLength + 2 * superblocks * EntryLength + 4;

    /// <summary>The rows of superblock (or sample chunk) <paramref name="index"/>.</summary>
    internal int RowsOf(int index) => Math.Min(SuperblockRows, TextLength - (index << SuperblockShift));

    internal byte[] Serialize()
    {
        var bytes = new byte[Length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Version);
        span[12] = SuperblockShift;
        span[13] = (byte)SampleWidth;
        span[14] = Filler;
        span[15] = Last;
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], TextLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], Primary);
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], SuperblockCount);
        for (int c = 0; c < 256; c++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(40 + c * 4)..], Totals[c]);
        }
        for (int k = 0; k < Sections.Length; k++)
        {
            var entry = span[(FixedLength + k * EntryLength)..];
            BinaryPrimitives.WriteInt64LittleEndian(entry, Sections[k].Offset);
            BinaryPrimitives.WriteInt32LittleEndian(entry[8..], Sections[k].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], Sections[k].Crc);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(span[^4..], Lode.IO.Crc32C.Compute(span[..^4]));
        return bytes;
    }
}
