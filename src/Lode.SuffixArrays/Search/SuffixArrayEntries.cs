using System.Buffers.Binary;

namespace Lode.SuffixArrays;

/// <summary>
/// The on-disk encoding of suffix array entries that <see cref="SuffixArraySearcher"/> reads: each entry is a text
/// position as a little-endian unsigned integer of w bytes, w from 3 to 8. A 4-byte entry is an int32 and an 8-byte
/// entry an int64 (both non-negative), so the classic widths stay readable as such. The narrowest width that holds
/// every position of a text of n bytes is <see cref="MinimumWidth"/>: 3 bytes up to 16 MiB, which saves a quarter of
/// an int32 array. Stateless and thread-safe.
/// </summary>
public static class SuffixArrayEntries
{
    /// <summary>The narrowest supported entry width.</summary>
    public const int MinWidth = 3;

    /// <summary>The widest supported entry width.</summary>
    public const int MaxWidth = 8;

    /// <summary>The longest text, in bytes, whose positions fit entries of <paramref name="width"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width is not from 3 to 8.</exception>
    public static long MaxTextLength(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinWidth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth);
        return width switch
        {
            sizeof(int) => int.MaxValue,
            sizeof(long) => long.MaxValue,
            _ => 1L << (8 * width),
        };
    }

    /// <summary>The narrowest entry width, in bytes, that holds every position of a text of <paramref name="textLength"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative.</exception>
    public static int MinimumWidth(long textLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(textLength);
        int width = MinWidth;
        while (textLength > MaxTextLength(width))
        {
            width++;
        }
        return width;
    }

    /// <summary>Writes <paramref name="suffixArray"/> as entries of <paramref name="width"/> bytes.</summary>
    /// <param name="suffixArray">The positions; each must fit the width. Only read.</param>
    /// <param name="width">The entry width, 3 to 8 bytes.</param>
    /// <param name="destination">Receives exactly <c>suffixArray.Length × width</c> bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The width is out of range, the destination is too short, or a
    /// position is negative or does not fit the width.</exception>
    public static void Encode(ReadOnlySpan<int> suffixArray, int width, Span<byte> destination)
    {
        long limit = MaxTextLength(width);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, (long)suffixArray.Length * width, nameof(destination));
        Span<byte> wide = stackalloc byte[sizeof(long)];
        for (int i = 0; i < suffixArray.Length; i++)
        {
            int position = suffixArray[i];
            if (position < 0 || position >= limit)
            {
                throw new ArgumentOutOfRangeException(nameof(suffixArray), $"Entry {i} is {position}, which {width}-byte entries cannot hold.");
            }
            BinaryPrimitives.WriteInt64LittleEndian(wide, position);
            wide[..width].CopyTo(destination.Slice(i * width, width));
        }
    }

    /// <summary>Reads one entry of <paramref name="width"/> bytes (the first <paramref name="width"/> bytes of <paramref name="entry"/>).</summary>
    internal static long Decode(ReadOnlySpan<byte> entry, int width)
    {
        switch (width)
        {
            case sizeof(int):
                return BinaryPrimitives.ReadInt32LittleEndian(entry);
            case sizeof(long):
                return BinaryPrimitives.ReadInt64LittleEndian(entry);
            default:
                Span<byte> wide = stackalloc byte[sizeof(long)];
                wide.Clear();
                entry[..width].CopyTo(wide);
                return BinaryPrimitives.ReadInt64LittleEndian(wide);
        }
    }
}
