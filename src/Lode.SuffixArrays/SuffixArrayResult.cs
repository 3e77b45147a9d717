namespace Lode.SuffixArrays;

/// <summary>A suffix array with its LCP array, as built by <see cref="SuffixArray.BuildWithLcp"/>.</summary>
/// <param name="SuffixArray">The n text positions in suffix order; owned by the caller.</param>
/// <param name="Lcp">n entries: <c>Lcp[i]</c> is the length in bytes of the longest common prefix of the suffixes at
/// <c>SuffixArray[i - 1]</c> and <c>SuffixArray[i]</c> (capped at the bounded context, if any); <c>Lcp[0] = 0</c>.
/// Owned by the caller.</param>
public sealed record SuffixArrayResult(int[] SuffixArray, int[] Lcp);
