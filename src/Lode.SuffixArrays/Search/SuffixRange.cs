namespace Lode.SuffixArrays;

/// <summary>
/// A half-open range [<paramref name="Start"/>, <paramref name="End"/>) of suffix array indices; as returned
/// by <see cref="SuffixArraySearcher.FindRange"/>, the indices of exactly the suffixes that start with a
/// pattern. Empty when <c>Start == End</c>, and then <c>Start</c> is where the pattern would sort.
/// </summary>
/// <param name="Start">The first index in the range (inclusive), in suffix array entries.</param>
/// <param name="End">One past the last index in the range (exclusive), in suffix array entries.</param>
public readonly record struct SuffixRange(long Start, long End)
{
    /// <summary>The number of indices in the range: the number of occurrences of the pattern.</summary>
    public long Count => End - Start;
}
