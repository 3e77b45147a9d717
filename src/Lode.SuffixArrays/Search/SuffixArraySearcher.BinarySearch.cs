using Lode.IO;

namespace Lode.SuffixArrays;

public sealed partial class SuffixArraySearcher
{
    /// <summary>Text bytes read per source call while comparing a suffix with the pattern.</summary>
    private const int TextChunkBytes = 256;

    /// <summary>
    /// Binary search over suffix array indices [<paramref name="lo"/>, <paramref name="hi"/>) for the first
    /// suffix that sorts above the pattern (<paramref name="upper"/>: a suffix that starts with the pattern
    /// counts as equal) or at or above it (lower bound). <paramref name="lcpLo"/> and <paramref name="lcpHi"/>
    /// are lower bounds on the LCP of the pattern with the suffixes at <c>lo - 1</c> and <c>hi</c>; every
    /// suffix in between shares at least their minimum with the pattern, so that many bytes are skipped.
    /// <c>lcpAtResult</c> receives a lower bound on the LCP of the pattern and the suffix at the result index
    /// (exact when the search moved its upper end; 0 at n).
    /// </summary>
    private long Bound(ReadOnlySpan<byte> pattern, bool upper, long lo, int lcpLo, long hi, int lcpHi,
        Span<byte> buffer, out int lcpAtResult)
    {
        while (lo < hi)
        {
            long mid = lo + ((hi - lo) >> 1);
            int order = CompareSuffix(mid, pattern, Math.Min(lcpLo, lcpHi), buffer, out int lcp);
            if (order < 0 || (upper && order == 0))
            {
                lo = mid + 1;
                lcpLo = lcp;
            }
            else
            {
                hi = mid;
                lcpHi = lcp;
            }
        }
        lcpAtResult = lcpHi;
        return lo;
    }

    /// <summary>
    /// Compares the suffix at suffix array index <paramref name="index"/>, cut to the pattern's length, with
    /// <paramref name="pattern"/>, given that their first <paramref name="skip"/> bytes are known to match.
    /// </summary>
    /// <returns>Negative when the suffix sorts below the pattern (a suffix that ends first is below), zero when
    /// it starts with the pattern, positive when above; <paramref name="lcp"/> is their common prefix length.</returns>
    private int CompareSuffix(long index, ReadOnlySpan<byte> pattern, int skip, Span<byte> buffer, out int lcp)
    {
        long position = ReadPosition(index, buffer);

        lcp = skip;
        long offset = position + skip;
        while (lcp < pattern.Length)
        {
            long available = _length - offset;
            if (available <= 0)
            {
                return -1;
            }
            int want = (int)Math.Min(Math.Min(buffer.Length, pattern.Length - lcp), available);
            Span<byte> chunk = buffer[..want];
            _text.ReadExactlyAt(offset, chunk);
            ReadOnlySpan<byte> expected = pattern.Slice(lcp, want);
            int same = chunk.CommonPrefixLength(expected);
            lcp += same;
            if (same < want)
            {
                return chunk[same] < expected[same] ? -1 : 1;
            }
            offset += want;
        }
        return 0;
    }
}
