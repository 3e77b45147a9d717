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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForEachLms<TText, TVisitor>(TText text, ref TVisitor visitor)
        where TText : ISaisText, allows ref struct
        where TVisitor : ILmsVisitor, allows ref struct
    {
        // Classifies 64 positions at a time without branches into a mask of LMS positions, then visits its bits:
        // a branch per LMS position would be mispredicted about as often as it is taken.
        int next = text[text.Length - 1];
        int nextIsS = 0;
        for (int high = text.Length - 2; high >= 0; high -= 64)
        {
            int low = Math.Max(high - 63, 0);
            ulong lms = 0;
            for (int i = high; i >= low; i--)
            {
                int current = text[i];
                // S-type: smaller than the next symbol, or equal to it and followed by an S-type suffix.
                int isS = current < next + nextIsS ? 1 : 0;
                lms |= (ulong)(nextIsS & ~isS) << (i - low);
                nextIsS = isS;
                next = current;
            }
            // Bit k marks position low + k + 1; visit from the highest.
            while (lms != 0)
            {
                int bit = 63 - BitOperations.LeadingZeroCount(lms);
                visitor.Visit(low + bit + 1, text[low + bit + 1]);
                lms ^= 1UL << bit;
            }
        }
    }
}

/// <summary>What <see cref="SuffixTypes.ForEachLms"/> does with each LMS position.</summary>
internal interface ILmsVisitor
{
    /// <summary>Visits the LMS suffix at <paramref name="position"/>, whose first symbol is <paramref name="symbol"/>.</summary>
    void Visit(int position, int symbol);
}
