namespace Lode.SuffixArrays;

/// <summary>Builds suffix arrays (and LCP arrays) of byte strings in memory.</summary>
/// <remarks>
/// <para>Order: unsigned lexicographic; a suffix that is a proper prefix of another sorts first (an implicit
/// sentinel; the order libdivsufsort produces). Any byte value 0–255 may occur. With
/// <see cref="SuffixArrayOptions.BoundedContext"/> only the first k bytes count, with the tie rule given there.</para>
/// <para>Algorithm: CaPS-SA (J. Khan et al., "Fast, Parallel, and Cache-Friendly Suffix Array Construction",
/// WABI 2023), parallel on <see cref="SuffixArrayOptions.Threads"/> workers; SA-IS (G. Nong, S. Zhang,
/// W. H. Chan, IEEE Transactions on Computers 60(10), 2011) for tiny texts and as the linear-time fallback on
/// very repetitive text in exact mode (see <see cref="SuffixArrayAlgorithm.Auto"/>). The result never depends on
/// the algorithm or the thread count.</para>
/// <para>Memory for n text bytes besides the text: CaPS-SA about 8.3n bytes (the 4n result, a 4n LCP array, and
/// scratch), also when the LCP array is returned; SA-IS under 4.25n bytes (plus 8n when the LCP array is
/// wanted). Thread-safe: concurrent calls share nothing.</para>
/// </remarks>
public static class SuffixArray
{
    /// <summary>Texts shorter than this are sorted by SA-IS under <see cref="SuffixArrayAlgorithm.Auto"/>.</summary>
    private const int SaisBelow = 4096;

    /// <summary>Under <see cref="SuffixArrayAlgorithm.Auto"/> in exact mode, CaPS-SA may scan this many text bytes per text byte (plus <see cref="ScanAllowanceBytes"/>) before SA-IS takes over.</summary>
    private const long ScanBytesPerTextByte = 64;

    private const long ScanAllowanceBytes = 64 << 20;

    /// <summary>Builds the suffix array of <paramref name="text"/>.</summary>
    /// <param name="text">The text, at most <see cref="int.MaxValue"/> bytes. Only read; not retained.</param>
    /// <param name="options">Threads, bounded context and algorithm; null for <see cref="SuffixArrayOptions.Default"/>.</param>
    /// <returns>A new array of <c>text.Length</c> distinct positions in [0, <c>text.Length</c>), owned by the caller.</returns>
    /// <exception cref="ArgumentException">SA-IS was asked for with a bounded context.</exception>
    public static int[] Build(ReadOnlySpan<byte> text, SuffixArrayOptions? options = null) =>
        Construct(text, options ?? SuffixArrayOptions.Default, keepLcp: false).Sa;

    /// <summary>Builds the suffix array of <paramref name="text"/> and its LCP array.</summary>
    /// <param name="text">The text, at most <see cref="int.MaxValue"/> bytes. Only read; not retained.</param>
    /// <param name="options">Threads, bounded context and algorithm; null for <see cref="SuffixArrayOptions.Default"/>.</param>
    /// <returns>Both arrays, new and owned by the caller.</returns>
    /// <exception cref="ArgumentException">SA-IS was asked for with a bounded context.</exception>
    public static SuffixArrayResult BuildWithLcp(ReadOnlySpan<byte> text, SuffixArrayOptions? options = null)
    {
        var (sa, lcp) = Construct(text, options ?? SuffixArrayOptions.Default, keepLcp: true);
        return new SuffixArrayResult(sa, lcp!);
    }

    private static unsafe (int[] Sa, int[]? Lcp) Construct(ReadOnlySpan<byte> text, SuffixArrayOptions options, bool keepLcp)
    {
        if (options.Algorithm == SuffixArrayAlgorithm.Sais && options.BoundedContext is not null)
        {
            throw new ArgumentException(
                "SA-IS sorts in the exact order only; drop the bounded context or use CaPS-SA.", nameof(options));
        }
        int n = text.Length;
        if (n == 0)
        {
            return ([], keepLcp ? [] : null);
        }
        int[] sa = GC.AllocateUninitializedArray<int>(n);
        bool exact = options.BoundedContext is null;
        bool useSais = options.Algorithm == SuffixArrayAlgorithm.Sais ||
            (options.Algorithm == SuffixArrayAlgorithm.Auto && exact && n < SaisBelow);
        if (!useSais)
        {
            var budget = options.Algorithm == SuffixArrayAlgorithm.Auto && exact
                ? new ScanBudget((ScanBytesPerTextByte * n) + ScanAllowanceBytes)
                : ScanBudget.Unlimited;
            int[] lcp = GC.AllocateUninitializedArray<int>(n);
            try
            {
                fixed (byte* pointer = text)
                {
                    var suffixes = new SuffixText(pointer, n, options.BoundedContext ?? long.MaxValue);
                    CapsSa.Build(suffixes, sa, lcp, keepLcp, options.Threads, options.SubarraysFor(n), budget);
                }
                return (sa, keepLcp ? lcp : null);
            }
            catch (ScanBudgetExceededException)
            {
                // Too repetitive for merging in exact mode: SA-IS is linear on any input.
            }
        }
        Sais.Build(new ByteText(text), sa, 256, []);
        return (sa, keepLcp ? PhiLcp.Compute(text, sa) : null);
    }
}
