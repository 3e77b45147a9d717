namespace Lode.SuffixArrays;

/// <summary>
/// The LCP array from a finished suffix array by the Φ algorithm: J. Kärkkäinen, G. Manzini, S. J. Puglisi,
/// "Permuted Longest-Common-Prefix Array", CPM 2009. Used when SA-IS built the suffix array (CaPS-SA computes
/// LCPs as it sorts).
/// </summary>
/// <remarks>Linear time; the caller's 4n-byte working array besides the 4n-byte result. Stateless and thread-safe.</remarks>
internal static class PhiLcp
{
    /// <summary>
    /// The LCP array of <paramref name="text"/> and its exact suffix array <paramref name="sa"/>, using
    /// <paramref name="phi"/> (n entries; clobbered) as working space.
    /// </summary>
    public static int[] Compute(ReadOnlySpan<byte> text, ReadOnlySpan<int> sa, int[] phi)
    {
        int n = sa.Length;
        var lcp = GC.AllocateUninitializedArray<int>(n);
        if (n == 0)
        {
            return lcp;
        }
        // Φ[SA[i]] = SA[i - 1]: the suffix just before each suffix in suffix order; then, in text order, the
        // permuted LCP drops by at most one from one position to the next.
        phi[sa[0]] = -1;
        for (int i = 1; i < n; i++)
        {
            phi[sa[i]] = sa[i - 1];
        }
        int h = 0;
        for (int i = 0; i < n; i++)
        {
            int previous = phi[i];
            if (previous < 0)
            {
                h = 0;
                phi[i] = 0;
                continue;
            }
            int limit = n - Math.Max(i, previous);
            h += text.Slice(i + h, limit - h).CommonPrefixLength(text.Slice(previous + h, limit - h));
            phi[i] = h;
            h = Math.Max(0, h - 1);
        }
        for (int i = 0; i < n; i++)
        {
            lcp[i] = phi[sa[i]];
        }
        return lcp;
    }
}
