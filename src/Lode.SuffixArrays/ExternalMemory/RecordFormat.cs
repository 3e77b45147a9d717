using System.Buffers.Binary;
using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>The fixed-size little-endian records that external-memory construction writes to disk.</summary>
internal enum RecordFormat
{
    /// <summary>A text position, int64 LE: 8 bytes (the suffix array entries of texts of 2 GiB and more).</summary>
    Position64,

    /// <summary>A (position, LCP) pair, two int32 LE: 8 bytes.</summary>
    PositionLcp32,

    /// <summary>A (position, LCP) pair, two int64 LE: 16 bytes.</summary>
    PositionLcp64,
}

/// <summary>Encoding and decoding of <see cref="RecordFormat"/> records. Stateless and thread-safe.</summary>
internal static class Records
{
    /// <summary>The size of one record, in bytes.</summary>
    public static int Size(RecordFormat format) => format == RecordFormat.PositionLcp64 ? 16 : 8;

    /// <summary>The (position, LCP) pair format for entries of type <typeparamref name="T"/> (int or long).</summary>
    public static RecordFormat PairFormat<T>()
        where T : unmanaged, IBinaryInteger<T> =>
        typeof(T) == typeof(int) ? RecordFormat.PositionLcp32 : RecordFormat.PositionLcp64;

    /// <summary>
    /// Encodes <c>positions.Length</c> records into <paramref name="destination"/> (exactly that many records long).
    /// <paramref name="lcps"/> is ignored by <see cref="RecordFormat.Position64"/> (pass it empty) and must match
    /// <paramref name="positions"/> in length otherwise.
    /// </summary>
    public static void Encode<T>(RecordFormat format, ReadOnlySpan<T> positions, ReadOnlySpan<T> lcps, Span<byte> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (int r = 0; r < positions.Length; r++)
        {
            switch (format)
            {
                case RecordFormat.Position64:
                    BinaryPrimitives.WriteInt64LittleEndian(destination[(8 * r)..], long.CreateTruncating(positions[r]));
                    break;
                case RecordFormat.PositionLcp32:
                    BinaryPrimitives.WriteInt32LittleEndian(destination[(8 * r)..], int.CreateTruncating(positions[r]));
                    BinaryPrimitives.WriteInt32LittleEndian(destination[((8 * r) + 4)..], int.CreateTruncating(lcps[r]));
                    break;
                default:
                    BinaryPrimitives.WriteInt64LittleEndian(destination[(16 * r)..], long.CreateTruncating(positions[r]));
                    BinaryPrimitives.WriteInt64LittleEndian(destination[((16 * r) + 8)..], long.CreateTruncating(lcps[r]));
                    break;
            }
        }
    }

    /// <summary>Decodes the records of <paramref name="source"/> into <paramref name="positions"/> (and <paramref name="lcps"/>, for pair formats).</summary>
    public static void Decode<T>(RecordFormat format, ReadOnlySpan<byte> source, Span<T> positions, Span<T> lcps)
        where T : unmanaged, IBinaryInteger<T>
    {
        int count = source.Length / Size(format);
        for (int r = 0; r < count; r++)
        {
            switch (format)
            {
                case RecordFormat.Position64:
                    positions[r] = T.CreateTruncating(BinaryPrimitives.ReadInt64LittleEndian(source[(8 * r)..]));
                    break;
                case RecordFormat.PositionLcp32:
                    positions[r] = T.CreateTruncating(BinaryPrimitives.ReadInt32LittleEndian(source[(8 * r)..]));
                    lcps[r] = T.CreateTruncating(BinaryPrimitives.ReadInt32LittleEndian(source[((8 * r) + 4)..]));
                    break;
                default:
                    positions[r] = T.CreateTruncating(BinaryPrimitives.ReadInt64LittleEndian(source[(16 * r)..]));
                    lcps[r] = T.CreateTruncating(BinaryPrimitives.ReadInt64LittleEndian(source[((16 * r) + 8)..]));
                    break;
            }
        }
    }
}
