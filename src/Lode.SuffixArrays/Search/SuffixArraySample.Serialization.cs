using System.Buffers.Binary;
using Lode.IO;

namespace Lode.SuffixArrays;

public sealed partial class SuffixArraySample
{
    // Layout, all integers little-endian:
    //   0  magic "LSAS"            4 bytes
    //   4  format version          u32 (1)
    //   8  suffix array length n   i64 (entries)
    //  16  interval m              u32
    //  20  prefix length L         u32
    //  24  sample count c          u32 (= ceil(n/m))
    //  28  c entries: text position i32, then L prefix bytes (zero after the suffix's end)
    //  end CRC32C of all bytes before it, u32
    private const uint Magic = 0x5341534C; // "LSAS" read as a little-endian u32
    private const uint FormatVersion = 1;
    private const int HeaderBytes = 28;
    private const int CrcBytes = 4;

    /// <summary>
    /// Serialises the sample: a 28-byte little-endian header (magic "LSAS", version 1, suffix array length,
    /// interval, prefix length, sample count), then per sample its text position (i32) and
    /// <see cref="PrefixLength"/> prefix bytes (zero-padded), then a CRC32C of everything before it.
    /// </summary>
    /// <returns>A new array owned by the caller, 32 + ⌈n/m⌉·(4 + <see cref="PrefixLength"/>) bytes.</returns>
    public byte[] ToBytes()
    {
        int entryBytes = 4 + PrefixLength;
        var bytes = new byte[HeaderBytes + ((long)Count * entryBytes) + CrcBytes];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], SuffixArrayLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], Interval);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], PrefixLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], Count);
        for (int k = 0; k < Count; k++)
        {
            var entry = span.Slice(HeaderBytes + (k * entryBytes), entryBytes);
            BinaryPrimitives.WriteInt32LittleEndian(entry, _positions[k]);
            _prefixes.AsSpan(k * PrefixLength, PrefixLength).CopyTo(entry[4..]);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(span[^CrcBytes..], Crc32C.Compute(span[..^CrcBytes]));
        return bytes;
    }

    /// <summary>
    /// Reads a sample written by <see cref="ToBytes"/> and checks it against the suffix array it must describe.
    /// </summary>
    /// <param name="bytes">The serialised sample; only read, not retained.</param>
    /// <param name="suffixArrayLength">The number of entries of the suffix array the sample belongs to (the
    /// text length in bytes; not the suffix array's size in bytes).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="suffixArrayLength"/> is negative or above
    /// <see cref="int.MaxValue"/>.</exception>
    /// <exception cref="InvalidDataException">The bytes are truncated, corrupt (checksum, magic, version), or
    /// inconsistent (another suffix array length, a wrong sample count, a position outside the text, nonzero
    /// padding, prefixes out of order); the message says which. Rebuild the index.</exception>
    /// <remarks>Allocates only after the declared sizes have been checked against <c>bytes.Length</c>.</remarks>
    public static SuffixArraySample Parse(ReadOnlySpan<byte> bytes, long suffixArrayLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(suffixArrayLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(suffixArrayLength, int.MaxValue);
        if (bytes.Length < HeaderBytes + CrcBytes)
        {
            throw Invalid($"it is {bytes.Length} bytes, shorter than the {HeaderBytes + CrcBytes}-byte minimum (truncated)");
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw Invalid("it does not start with the magic \"LSAS\"; this is not a suffix array sample");
        }
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (version != FormatVersion)
        {
            throw Invalid($"it has format version {version}; only version {FormatVersion} is understood");
        }
        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^CrcBytes..]);
        uint actualCrc = Crc32C.Compute(bytes[..^CrcBytes]);
        if (storedCrc != actualCrc)
        {
            throw Invalid($"its CRC32C is 0x{actualCrc:X8} but 0x{storedCrc:X8} is stored (corrupt or truncated)");
        }

        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        int interval = BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]);
        int prefixLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[20..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[24..]);
        if (length != suffixArrayLength)
        {
            string hint = suffixArrayLength == 4 * length ? " (pass the number of entries, not the size in bytes)" : "";
            throw Invalid($"it describes a suffix array of {length} entries, not the expected {suffixArrayLength}{hint}");
        }
        if (interval < 1 || prefixLength < 1 || prefixLength > MaxPrefixLength)
        {
            throw Invalid($"its interval {interval} or prefix length {prefixLength} is out of range (interval >= 1, prefix 1..{MaxPrefixLength})");
        }
        if (count != SampleCount(length, interval))
        {
            throw Invalid($"it holds {count} samples, but a {length}-entry suffix array sampled every {interval} has {SampleCount(length, interval)}");
        }
        long expectedBytes = HeaderBytes + ((long)count * (4 + prefixLength)) + CrcBytes;
        if (bytes.Length != expectedBytes)
        {
            throw Invalid($"it is {bytes.Length} bytes, but its header describes {expectedBytes}");
        }
        return ReadEntries(bytes[HeaderBytes..^CrcBytes], length, interval, prefixLength, count);
    }

    private static SuffixArraySample ReadEntries(ReadOnlySpan<byte> entries, long length, int interval, int prefixLength, int count)
    {
        var positions = new int[count];
        var prefixes = new byte[count * prefixLength];
        int entryBytes = 4 + prefixLength;
        for (int k = 0; k < count; k++)
        {
            var entry = entries.Slice(k * entryBytes, entryBytes);
            int position = BinaryPrimitives.ReadInt32LittleEndian(entry);
            if (position < 0 || position >= length)
            {
                throw Invalid($"sample {k} has text position {position}, outside the {length}-byte text");
            }
            int stored = (int)Math.Min(prefixLength, length - position);
            if (entry[(4 + stored)..].ContainsAnyExcept((byte)0))
            {
                throw Invalid($"sample {k} has nonzero bytes after the end of its {stored}-byte suffix");
            }
            positions[k] = position;
            entry[4..].CopyTo(prefixes.AsSpan(k * prefixLength));
        }
        var sample = new SuffixArraySample(length, interval, prefixLength, positions, prefixes);
        for (int k = 1; k < count; k++)
        {
            if (sample.Prefix(k - 1).SequenceCompareTo(sample.Prefix(k)) > 0)
            {
                throw Invalid($"the prefixes of samples {k - 1} and {k} are out of suffix order");
            }
        }
        return sample;
    }

    private static InvalidDataException Invalid(string problem) =>
        new($"The suffix array sample is unusable: {problem}. Rebuild the search index.");
}
