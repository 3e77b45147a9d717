using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lode.SuffixArrays;

internal static partial class Sais
{
    /// <summary>How many entries ahead the induction scans prefetch the symbol before the next suffix.</summary>
    private const int PrefetchDistance = 32;

    /// <summary>
    /// Induced sorting: from the LMS suffixes at the bucket tails (positive entries, 0 elsewhere), sorts the
    /// L-type suffixes left to right (starting with the last suffix, which follows the implicit sentinel), then
    /// the S-type suffixes right to left.
    /// </summary>
    /// <remarks>
    /// No type is looked up: the suffix j−1 before an induced L-type suffix j is S-type exactly when
    /// text[j−1] &lt; text[j], and the one before an induced S-type suffix is L-type exactly when
    /// text[j−1] &gt; text[j]. Each induced entry is stored complemented (negative) when its predecessor is of the
    /// other type, so that each scan induces from the non-negative entries only. Entry 0 induces nothing, so it
    /// doubles as the empty slot. The bucket pointer of the last symbol seen stays in a register (runs of one
    /// symbol induce into one bucket), and the symbol that an entry some way ahead will need is prefetched.
    /// </remarks>
    private static void Induce<TText, TStage>(TText text, Span<int> sa, Buckets buckets)
        where TText : ISaisText, allows ref struct
        where TStage : IInduceStage
    {
        if (buckets.AlphabetSize > LargeAlphabet)
        {
            InduceLargeL<TText, TStage>(text, sa, buckets.Heads(text));
            InduceLargeS<TText, TStage>(text, sa, buckets.Tails(text));
            return;
        }
        InduceL<TText, TStage>(text, sa, buckets.Heads(text));
        InduceS<TText, TStage>(text, sa, buckets.Tails(text));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InduceL<TText, TStage>(TText text, Span<int> sa, Span<int> heads)
        where TText : ISaisText, allows ref struct
        where TStage : IInduceStage
    {
        int n = text.Length;
        ref int entries = ref MemoryMarshal.GetReference(sa);
        ref int pointers = ref MemoryMarshal.GetReference(heads);
        int symbol = text[n - 1];
        int slot = Unsafe.Add(ref pointers, symbol);
        Unsafe.Add(ref entries, slot++) = text[n - 2] < symbol ? ~(n - 1) : n - 1;
        for (int i = 0; i < n; i++)
        {
            text.Prefetch(Unsafe.Add(ref entries, Math.Min(i + PrefetchDistance, n - 1)) - 1);
            int j = Unsafe.Add(ref entries, i);
            // Final: flip every entry for the S scan. Stage 1: keep only the entries the S scan induces from.
            Unsafe.Add(ref entries, i) = TStage.Final ? ~j : (j >> 31) & ~j;
            if (j > 0)
            {
                j--;
                int c = text[j];
                if (c != symbol)
                {
                    Unsafe.Add(ref pointers, symbol) = slot;
                    symbol = c;
                    slot = Unsafe.Add(ref pointers, c);
                }
                Unsafe.Add(ref entries, slot++) = j ^ ((text[Math.Max(j - 1, 0)] - c) >> 31);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InduceS<TText, TStage>(TText text, Span<int> sa, Span<int> tails)
        where TText : ISaisText, allows ref struct
        where TStage : IInduceStage
    {
        int n = text.Length;
        ref int entries = ref MemoryMarshal.GetReference(sa);
        ref int pointers = ref MemoryMarshal.GetReference(tails);
        int symbol = 0;
        int slot = pointers;
        for (int i = n - 1; i >= 0; i--)
        {
            text.Prefetch(Unsafe.Add(ref entries, Math.Max(i - PrefetchDistance, 0)) - 1);
            int j = Unsafe.Add(ref entries, i);
            if (TStage.Final)
            {
                // Restores the entries complemented by either scan.
                Unsafe.Add(ref entries, i) = j ^ (j >> 31);
            }
            if (j > 0)
            {
                j--;
                int c = text[j];
                if (c != symbol)
                {
                    Unsafe.Add(ref pointers, symbol) = slot;
                    symbol = c;
                    slot = Unsafe.Add(ref pointers, c);
                }
                Unsafe.Add(ref entries, --slot) = j ^ ((c - text[Math.Max(j - 1, 0)]) >> 31);
            }
        }
    }

    internal const int LargeAlphabet = 1 << 22;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InduceLargeL<TText, TStage>(TText text, Span<int> sa, Span<int> heads)
        where TText : ISaisText, allows ref struct
        where TStage : IInduceStage
    {
        int n = text.Length;
        ref int entries = ref MemoryMarshal.GetReference(sa);
        ref int pointers = ref MemoryMarshal.GetReference(heads);
        int last = text[n - 1];
        Unsafe.Add(ref entries, Unsafe.Add(ref pointers, last)++) = text[n - 2] < last ? ~(n - 1) : n - 1;
        for (int i = 0; i < n; i++)
        {
            text.Prefetch(Unsafe.Add(ref entries, Math.Min(i + 2 * PrefetchDistance, n - 1)) - 1);
            int c1 = text[Math.Max(Unsafe.Add(ref entries, Math.Min(i + PrefetchDistance, n - 1)) - 1, 0)];
            CacheHints.Prefetch(ref Unsafe.Add(ref pointers, c1));
            int c2 = text[Math.Max(Unsafe.Add(ref entries, Math.Min(i + PrefetchDistance / 2, n - 1)) - 1, 0)];
            CacheHints.Prefetch(ref Unsafe.Add(ref entries, Unsafe.Add(ref pointers, c2)));
            int j = Unsafe.Add(ref entries, i);
            Unsafe.Add(ref entries, i) = TStage.Final ? ~j : (j >> 31) & ~j;
            if (j > 0)
            {
                j--;
                int c = text[j];
                Unsafe.Add(ref entries, Unsafe.Add(ref pointers, c)++) = j ^ ((text[Math.Max(j - 1, 0)] - c) >> 31);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InduceLargeS<TText, TStage>(TText text, Span<int> sa, Span<int> tails)
        where TText : ISaisText, allows ref struct
        where TStage : IInduceStage
    {
        int n = text.Length;
        ref int entries = ref MemoryMarshal.GetReference(sa);
        ref int pointers = ref MemoryMarshal.GetReference(tails);
        for (int i = n - 1; i >= 0; i--)
        {
            text.Prefetch(Unsafe.Add(ref entries, Math.Max(i - 2 * PrefetchDistance, 0)) - 1);
            int c1 = text[Math.Max(Unsafe.Add(ref entries, Math.Max(i - PrefetchDistance, 0)) - 1, 0)];
            CacheHints.Prefetch(ref Unsafe.Add(ref pointers, c1));
            int c2 = text[Math.Max(Unsafe.Add(ref entries, Math.Max(i - PrefetchDistance / 2, 0)) - 1, 0)];
            CacheHints.Prefetch(ref Unsafe.Add(ref entries, Unsafe.Add(ref pointers, c2) - 1));
            int j = Unsafe.Add(ref entries, i);
            if (TStage.Final)
            {
                Unsafe.Add(ref entries, i) = j ^ (j >> 31);
            }
            if (j > 0)
            {
                j--;
                int c = text[j];
                Unsafe.Add(ref entries, --Unsafe.Add(ref pointers, c)) = j ^ ((c - text[Math.Max(j - 1, 0)]) >> 31);
            }
        }
    }

    /// <summary>Which induction <see cref="Induce"/> runs; the JIT specialises it for each.</summary>
    private interface IInduceStage
    {
        /// <summary>True for the final induction (every suffix, restored to non-negative at the end).</summary>
        static abstract bool Final { get; }
    }

    /// <summary>
    /// Stage 1, sorting the LMS substrings: the L scan clears the entries the S scan does not need, and the S scan
    /// leaves its entries as they are, so that afterwards exactly the LMS entries (S-type after an L-type) are
    /// negative.
    /// </summary>
    private readonly struct LmsStage : IInduceStage
    {
        public static bool Final => false;
    }

    /// <summary>The final induction from the sorted LMS suffixes.</summary>
    private readonly struct FinalStage : IInduceStage
    {
        public static bool Final => true;
    }
}
