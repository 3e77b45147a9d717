namespace Lode.SuffixArrays;

/// <summary>
/// Where in the suffix array a pattern's range can lie, as narrowed by the in-memory sample, with what is
/// already known of the longest common prefix (LCP, in bytes, a lower bound) between the pattern and the
/// suffixes just outside each window.
/// </summary>
/// <param name="LowerStart">The range starts at or after this index; the suffix before it sorts below the pattern.</param>
/// <param name="LowerStartLcp">LCP of the pattern and the suffix at <c>LowerStart - 1</c> (0 when there is none).</param>
/// <param name="LowerEnd">The range starts at or before this index; its suffix sorts at or above the pattern (or it is n).</param>
/// <param name="LowerEndLcp">LCP of the pattern and the suffix at <paramref name="LowerEnd"/> (0 when it is n).</param>
/// <param name="UpperStart">When the range is not empty it ends after <c>UpperStart - 1</c>, whose suffix starts with the pattern.</param>
/// <param name="End">The range ends at or before this index; its suffix sorts above every match (or it is n).</param>
/// <param name="EndLcp">LCP of the pattern and the suffix at <paramref name="End"/> (0 when it is n).</param>
internal readonly record struct SearchWindow(
    long LowerStart, int LowerStartLcp, long LowerEnd, int LowerEndLcp, long UpperStart, long End, int EndLcp)
{
    /// <summary>The whole suffix array of <paramref name="length"/> entries, nothing known.</summary>
    public static SearchWindow Whole(long length) => new(0, 0, length, 0, 0, length, 0);
}
