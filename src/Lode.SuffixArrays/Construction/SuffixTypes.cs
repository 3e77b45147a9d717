using System.Numerics;
using System.Runtime.CompilerServices;

namespace Lode.SuffixArrays;

/// <summary>
/// The S/L types of SA-IS, computed on the fly instead of stored: suffix i is S-type when it is
/// lexicographically smaller than suffix i+1, L-type when larger; the last suffix is L-type, because the
/// implicit sentinel after it is smaller than every symbol. A leftmost S-type (LMS) suffix is S-type with an
/// L-type suffix just before it; position 0 is never LMS.
/// </summary>
/// <remarks>
/// During induced sorting the type of the suffix before an induced one follows from two neighbouring symbols
/// (see <c>Sais.Induce</c>); only the scans that find the LMS positions need the right-to-left classification
/// here. Stateless; thread-safe.
/// </remarks>
internal static class SuffixTypes
{
    /// <summary>
    /// Calls <paramref name="visitor"/> for every LMS position of <paramref name="text"/> (at least 2 symbols),
    /// from right to left, with the symbol there.
    /// </summary>
    /// <remarks>
    /// Classifies 64 positions at a time without a branch: vector compares give, for each position, whether its
    /// symbol is less than or equal to the next; an S-type suffix is one whose symbol is less, or equal and
    /// followed by an S-type suffix. Read right to left (bits reversed) that is the carry chain of a binary
    /// addition (less = generate, equal = propagate, the type of the suffix after the block = carry in), so one
    /// 64-bit add types the whole block. The LMS positions are then visited from the mask's bits.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForEachLms<TText, TVisitor>(TText text, ref TVisitor visitor)
        where TText : ISaisText, allows ref struct
        where TVisitor : ILmsVisitor, allows ref struct
    {
        int high = text.Length - 2;
        ulong nextIsS = 0;
        for (; high >= 63; high -= 64)
        {
            // Bit k stands for position high − k: the positions high − 63 .. high.
            var (less, equal) = text.CompareWithNext(high - 63);
            ulong generate = ReverseBits(less);
            ulong propagate = ReverseBits(equal);
            ulong carries = (generate | propagate) + generate + nextIsS;
            ulong isS = generate | (propagate & (carries ^ propagate));
            // Bit k: LMS at high + 1 − k (S-type after an L-type; bit k − 1, or the carry in, is its own type).
            ulong lms = ~isS & ((isS << 1) | nextIsS);
            while (lms != 0)
            {
                int position = high + 1 - BitOperations.TrailingZeroCount(lms);
                visitor.Visit(position, text[position]);
                lms &= lms - 1;
            }
            nextIsS = isS >> 63;
        }

        int next = text[high + 1];
        for (int i = high; i >= 0; i--)
        {
            int current = text[i];
            // S-type: smaller than the next symbol, or equal to it and followed by an S-type suffix.
            ulong isS = current < next + (int)nextIsS ? 1UL : 0UL;
            if ((nextIsS & ~isS) != 0)
            {
                visitor.Visit(i + 1, next);
            }
            nextIsS = isS;
            next = current;
        }
    }

    /// <summary>Reverses the order of the 64 bits of <paramref name="value"/>.</summary>
    private static ulong ReverseBits(ulong value)
    {
        value = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value);
        value = ((value >> 4) & 0x0F0F0F0F0F0F0F0FUL) | ((value & 0x0F0F0F0F0F0F0F0FUL) << 4);
        value = ((value >> 2) & 0x3333333333333333UL) | ((value & 0x3333333333333333UL) << 2);
        return ((value >> 1) & 0x5555555555555555UL) | ((value & 0x5555555555555555UL) << 1);
    }
}

/// <summary>What <see cref="SuffixTypes.ForEachLms"/> does with each LMS position.</summary>
internal interface ILmsVisitor
{
    /// <summary>Visits the LMS suffix at <paramref name="position"/>, whose first symbol is <paramref name="symbol"/>.</summary>
    void Visit(int position, int symbol);
}
