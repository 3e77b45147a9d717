using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lode.SuffixArrays;

internal static partial class Sais
{
    /// <summary>How many entries ahead the scans prefetch what an entry will need.</summary>
    private const int PrefetchDistance = 128;

    /// <summary>
    /// Above this many symbols the bucket pointers no longer stay in the cache, and the induction scans also
    /// prefetch the bucket pointer and the slot it points to (on real text only reduced strings of random-like
    /// input get there; below it the extra loads cost more than they save).
    /// </summary>
    internal const int LargeAlphabet = 1 << 22;

    /// <summary>
    /// Induced sorting: from the LMS suffixes at the bucket tails (positive entries, 0 elsewhere), sorts the
    /// L-type suffixes left to right (starting with the last suffix, which follows the implicit sentinel), then
    /// the S-type suffixes right to left.
    /// </summary>
    /// <remarks>
    /// No type is looked up: the suffix j−1 before an induced L-type suffix j is S-type exactly when
    /// text[j−1] &lt; text[j], and the one before an induced S-type suffix is L-type exactly when
    /// text[j−1] &gt; text[j]. Each induced entry is stored complemented (negative) when its predecessor is of the
    /// other type, so that each scan induces from the positive entries only. Entry 0 induces nothing, so it
    /// doubles as the empty slot. The symbol that an entry some way ahead will need is prefetched.
    /// </remarks>
    private static void Induce<TText, TStage>(TText text, Span<int> sa, Buckets buckets)
        where TText : ISaisText, allows ref struct
        where TStage : IInduceStage
    {
        if (buckets.AlphabetSize > LargeAlphabet)
        {
            InduceL<TText, TStage, LargeBuckets>(text, sa, buckets.Heads(text));
            InduceS<TText, TStage, LargeBuckets>(text, sa, buckets.Tails(text));
            return;
        }
        InduceL<TText, TStage, SmallBuckets>(text, sa, buckets.Heads(text));
        InduceS<TText, TStage, SmallBuckets>(text, sa, buckets.Tails(text));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InduceL<TText, TStage, TBuckets>(TText text, Span<int> sa, Span<int> heads)
        where TText : ISaisText, allows ref struct
        where TStage : IInduceStage
        where TBuckets : IBucketSize
    {
        int n = text.Length;
        ref int entries = ref MemoryMarshal.GetReference(sa);
        ref int pointers = ref MemoryMarshal.GetReference(heads);
        int last = text[n - 1];
        Unsafe.Add(ref entries, Unsafe.Add(ref pointers, last)++) = text[n - 2] < last ? ~(n - 1) : n - 1;
        for (int i = 0; i < n; i++)
        {
            if (TBuckets.Large)
            {
                text.Prefetch(Unsafe.Add(ref entries, Math.Min(i + 2 * PrefetchDistance, n - 1)) - 1);
                int ahead = text[Math.Max(Unsafe.Add(ref entries, Math.Min(i + PrefetchDistance, n - 1)) - 1, 0)];
                CacheHints.Prefetch(ref Unsafe.Add(ref pointers, ahead));
                int near = text[Math.Max(Unsafe.Add(ref entries, Math.Min(i + PrefetchDistance / 2, n - 1)) - 1, 0)];
                CacheHints.Prefetch(ref Unsafe.Add(ref entries, Unsafe.Add(ref pointers, near)));
            }
            else
            {
                text.Prefetch(Unsafe.Add(ref entries, Math.Min(i + PrefetchDistance, n - 1)) - 1);
            }
            int j = Unsafe.Add(ref entries, i);
            // Final: flip every entry for the S scan. Stage 1: keep only the entries the S scan induces from.
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
    private static void InduceS<TText, TStage, TBuckets>(TText text, Span<int> sa, Span<int> tails)
        where TText : ISaisText, allows ref struct
        where TStage : IInduceStage
        where TBuckets : IBucketSize
    {
        ref int entries = ref MemoryMarshal.GetReference(sa);
        ref int pointers = ref MemoryMarshal.GetReference(tails);
        for (int i = text.Length - 1; i >= 0; i--)
        {
            if (TBuckets.Large)
            {
                text.Prefetch(Unsafe.Add(ref entries, Math.Max(i - 2 * PrefetchDistance, 0)) - 1);
                int ahead = text[Math.Max(Unsafe.Add(ref entries, Math.Max(i - PrefetchDistance, 0)) - 1, 0)];
                CacheHints.Prefetch(ref Unsafe.Add(ref pointers, ahead));
                int near = text[Math.Max(Unsafe.Add(ref entries, Math.Max(i - PrefetchDistance / 2, 0)) - 1, 0)];
                CacheHints.Prefetch(ref Unsafe.Add(ref entries, Math.Max(Unsafe.Add(ref pointers, near) - 1, 0)));
            }
            else
            {
                text.Prefetch(Unsafe.Add(ref entries, Math.Max(i - PrefetchDistance, 0)) - 1);
            }
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

    /// <summary>Whether the bucket pointers are too many to stay in the cache (see <see cref="LargeAlphabet"/>).</summary>
    private interface IBucketSize
    {
        /// <summary>True to prefetch the bucket pointers and the slots they point to.</summary>
        static abstract bool Large { get; }
    }

    /// <summary>Bucket pointers that stay in the cache.</summary>
    private readonly struct SmallBuckets : IBucketSize
    {
        public static bool Large => false;
    }

    /// <summary>Bucket pointers beyond the cache.</summary>
    private readonly struct LargeBuckets : IBucketSize
    {
        public static bool Large => true;
    }
}
