using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lode.SuffixArrays;

/// <summary>
/// The LCP-aware merge of two sorted runs of suffixes, the kernel of every CaPS-SA phase: S. Ng, K. Kakehi,
/// "Merging String Sequences by Longest Common Prefixes", IPSJ Digital Courier 4, 2008, as used by CaPS-SA
/// (J. Khan et al., "Fast, Parallel, and Cache-Friendly Suffix Array Construction", WABI 2023 / AMB 2024).
/// </summary>
/// <remarks>
/// <para>A run is a span of positions with a parallel span of LCPs: <c>lcp[i]</c> is the LCP of the suffixes at
/// <c>i - 1</c> and <c>i</c> under the text's order, and <c>lcp[0]</c> must be 0. While merging, the LCP of the
/// last output with each head decides most steps without looking at the text: if the head of the run that
/// produced the last output shares more with it than the other head does, it is smaller, and vice versa. Only
/// on a tie are the two suffixes compared, starting after the bytes known to match.</para>
/// <para>The entry type is <see cref="int"/> (texts below 2 GiB) or <see cref="long"/>; the JIT
/// specialises each. Stateless and thread-safe; the caller owns every span.</para>
/// </remarks>
internal static class LcpMerge
{
    /// <summary>
    /// Merges run X and run Y into Z (<c>|Z| = |X| + |Y|</c>), writing Z's LCPs (<c>zLcp[0] = 0</c>). Z must
    /// not overlap X or Y.
    /// </summary>
    /// <exception cref="ScanBudgetExceededException">The meter's budget is spent (the output is then partial).</exception>
    public static void Merge<T>(in SuffixText text, ReadOnlySpan<T> xSa, ReadOnlySpan<T> xLcp, ReadOnlySpan<T> ySa,
        ReadOnlySpan<T> yLcp, Span<T> zSa, Span<T> zLcp, ref ScanMeter meter)
        where T : unmanaged, IBinaryInteger<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(xSa);
        ref T xl = ref MemoryMarshal.GetReference(xLcp);
        ref T ys = ref MemoryMarshal.GetReference(ySa);
        ref T yl = ref MemoryMarshal.GetReference(yLcp);
        ref T zs = ref MemoryMarshal.GetReference(zSa);
        ref T zl = ref MemoryMarshal.GetReference(zLcp);
        int xCount = xSa.Length;
        int yCount = ySa.Length;
        int i = 0;
        int j = 0;
        int k = 0;
        // X is always the run that produced the last output; lcp(last output, X[i]) = xLcp[i] and
        // lcp(last output, Y[j]) = m. Before any output both are 0.
        long m = 0;
        while (i < xCount && j < yCount)
        {
            long lx = long.CreateTruncating(Unsafe.Add(ref xl, i));
            bool takeX;
            if (lx > m)
            {
                Unsafe.Add(ref zl, k) = T.CreateTruncating(lx);
                takeX = true;
            }
            else if (lx < m)
            {
                Unsafe.Add(ref zl, k) = T.CreateTruncating(m);
                m = lx;
                takeX = false;
            }
            else
            {
                long lcp = text.Compare(long.CreateTruncating(Unsafe.Add(ref xs, i)), long.CreateTruncating(Unsafe.Add(ref ys, j)),
                    m, out takeX);
                meter.Spend(lcp - m);
                Unsafe.Add(ref zl, k) = T.CreateTruncating(m);
                m = lcp;
            }

            if (takeX)
            {
                Unsafe.Add(ref zs, k++) = Unsafe.Add(ref xs, i++);
            }
            else
            {
                Unsafe.Add(ref zs, k++) = Unsafe.Add(ref ys, j++);
                // Y produced the output: it becomes X.
                (i, j) = (j, i);
                (xCount, yCount) = (yCount, xCount);
                ref T swap = ref xs;
                xs = ref ys;
                ys = ref swap;
                swap = ref xl;
                xl = ref yl;
                yl = ref swap;
            }
        }

        // At most one run has elements left; its head shares m bytes with the last output (when Y was empty
        // from the start, m = 0 = X's first LCP).
        int rest = k;
        CopyRest(ref xs, ref xl, i, xCount, ref zs, ref zl, ref k);
        CopyRest(ref ys, ref yl, j, yCount, ref zs, ref zl, ref k);
        if (rest < k)
        {
            Unsafe.Add(ref zl, rest) = T.CreateTruncating(m);
        }
    }

    private static void CopyRest<T>(ref T sa, ref T lcp, int from, int count, ref T zSa, ref T zLcp, ref int k)
        where T : unmanaged
    {
        int length = count - from;
        if (length > 0)
        {
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref sa, from), length).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref zSa, k), length));
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref lcp, from), length).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref zLcp, k), length));
            k += length;
        }
    }
}
