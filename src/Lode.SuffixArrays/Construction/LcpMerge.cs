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
/// on a tie are the two suffixes compared, starting after the bytes known to match. (Written with both LCPs
/// kept explicitly rather than by swapping the runs' roles, which keeps the loop's state in registers.)</para>
/// <para>The entry type is <see cref="int"/> (texts below 2 GiB) or <see cref="long"/>; the JIT
/// specialises each. Stateless and thread-safe; the caller owns every span.</para>
/// </remarks>
internal static class LcpMerge
{

    /// <summary>
    /// Merges run X and run Y into Z (<c>|Z| = |X| + |Y|</c>), writing Z's LCPs (<c>zLcp[0] = 0</c>). Z must
    /// not overlap X or Y.
    /// </summary>
    public static void Merge<T>(in SuffixText text, ReadOnlySpan<T> xSa, ReadOnlySpan<T> xLcp, ReadOnlySpan<T> ySa,
        ReadOnlySpan<T> yLcp, Span<T> zSa, Span<T> zLcp)
        where T : unmanaged, IBinaryInteger<T>
    {
        ref T xs = ref MemoryMarshal.GetReference(xSa);
        ref T xl = ref MemoryMarshal.GetReference(xLcp);
        ref T ys = ref MemoryMarshal.GetReference(ySa);
        ref T yl = ref MemoryMarshal.GetReference(yLcp);
        ref T zs = ref MemoryMarshal.GetReference(zSa);
        ref T zl = ref MemoryMarshal.GetReference(zLcp);
        int xLast = xSa.Length - 1;
        int yLast = ySa.Length - 1;
        int i = 0;
        int j = 0;
        int k = 0;
        // lx = lcp(last output, X[i]) and ly = lcp(last output, Y[j]); both 0 before any output.
        long lx = 0;
        long ly = 0;
        while (i <= xLast && j <= yLast)
        {
            if (lx > ly)
            {
                Unsafe.Add(ref zs, k) = Unsafe.Add(ref xs, i);
                Unsafe.Add(ref zl, k) = T.CreateTruncating(lx);
                i++;
                lx = long.CreateTruncating(Unsafe.Add(ref xl, Math.Min(i, xLast)));
            }
            else if (lx < ly)
            {
                Unsafe.Add(ref zs, k) = Unsafe.Add(ref ys, j);
                Unsafe.Add(ref zl, k) = T.CreateTruncating(ly);
                j++;
                ly = long.CreateTruncating(Unsafe.Add(ref yl, Math.Min(j, yLast)));
            }
            else
            {
                T a = Unsafe.Add(ref xs, i);
                T b = Unsafe.Add(ref ys, j);
                long lcp = text.Compare(long.CreateTruncating(a), long.CreateTruncating(b), lx, out bool aFirst);
                Unsafe.Add(ref zl, k) = T.CreateTruncating(lx);
                if (aFirst)
                {
                    Unsafe.Add(ref zs, k) = a;
                    i++;
                    lx = long.CreateTruncating(Unsafe.Add(ref xl, Math.Min(i, xLast)));
                    ly = lcp;
                }
                else
                {
                    Unsafe.Add(ref zs, k) = b;
                    j++;
                    ly = long.CreateTruncating(Unsafe.Add(ref yl, Math.Min(j, yLast)));
                    lx = lcp;
                }
            }
            k++;
        }

        // At most one run has elements left; its head shares lx (or ly) bytes with the last output.
        int rest = k;
        long restLcp = i <= xLast ? lx : ly;
        CopyRest(ref xs, ref xl, i, xLast + 1, ref zs, ref zl, ref k);
        CopyRest(ref ys, ref yl, j, yLast + 1, ref zs, ref zl, ref k);
        if (rest < k)
        {
            Unsafe.Add(ref zl, rest) = T.CreateTruncating(restLcp);
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
