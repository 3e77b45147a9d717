namespace Lode.SuffixArrays.Tests;

/// <summary>Exact mode under Auto: CaPS-SA on a bounded context, then the ties refined by prefix doubling (or SA-IS when most entries tie).</summary>
public class ExactModeTests
{
    public static IEnumerable<object[]> Texts()
    {
        var random = new Random(23);
        yield return [TextGenerators.Random(random, 3_000, 2)];
        yield return [TextGenerators.Random(random, 3_000, 4)];
        yield return [TextGenerators.Periodic("abcab"u8.ToArray(), 2_000)];
        yield return [TextGenerators.Fibonacci(2_500)];
        yield return [Enumerable.Repeat((byte)'a', 1_000).ToArray()];
        yield return [WithRepeats(random, 3_000, 120, 6)];
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Refining_a_bounded_context_array_gives_the_exact_one(byte[] text)
    {
        foreach (int context in new[] { 1, 2, 3, 8, 64 })
        {
            var bounded = SuffixArray.BuildWithLcp(text, new SuffixArrayOptions { Algorithm = SuffixArrayAlgorithm.CapsSa, BoundedContext = context, SubarrayCount = 5 });
            TieRefinement.Refine(bounded.SuffixArray, bounded.Lcp, context);
            Assert.Equal(Naive.SuffixArray(text), bounded.SuffixArray);
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void RefineExact_gives_the_exact_array_and_lcp_whichever_way_it_goes(byte[] text)
    {
        int[] expected = Naive.SuffixArray(text);
        int[] kasai = Naive.Kasai(text, expected);
        foreach (int context in new[] { 2, 16 })
        {
            var bounded = SuffixArray.BuildWithLcp(text, new SuffixArrayOptions { Algorithm = SuffixArrayAlgorithm.CapsSa, BoundedContext = context });
            var (sa, lcp) = SuffixSorter.RefineExact(text, bounded.SuffixArray, bounded.Lcp, context, keepLcp: true);
            Assert.Equal(expected, sa);
            Assert.Equal(kasai, lcp);
        }
    }

    [Fact]
    public void Auto_sorts_text_with_a_few_long_repeats_exactly()
    {
        // About 2.5% of the suffixes share more than 256 bytes with another: refined, not rebuilt (CaPS-SA runs
        // under Auto only from CapsSaFromThreads threads; fewer go to SA-IS).
        var text = WithRepeats(new Random(5), 60_000, 1_000, 2);
        Assert.InRange(RepeatProbe.TiedFraction(text, SuffixSorter.ExactModeContext), 0.02, 0.03);
        var result = SuffixArray.BuildWithLcp(text, new SuffixArrayOptions { Threads = SuffixSorter.CapsSaFromThreads });
        int[] expected = Naive.SuffixArray(text);
        Assert.Equal(expected, result.SuffixArray);
        Assert.Equal(Naive.Kasai(text, expected), result.Lcp);
        Assert.Equal(expected, SuffixArray.Build(text, new SuffixArrayOptions { Threads = 1 }));
    }

    [Fact]
    public void Auto_sorts_a_file_repeated_100_times_exactly_and_fast()
    {
        var file = TextGenerators.Random(new Random(9), 2_000, 256);
        var text = TextGenerators.Periodic(file, file.Length * 100);
        Assert.Equal(SuffixArray.Build(text, new SuffixArrayOptions { Algorithm = SuffixArrayAlgorithm.Sais }), SuffixArray.Build(text));
    }

    [Fact]
    public void The_repeat_probe_sees_how_much_of_a_text_is_repeated()
    {
        var random = new Random(31);
        Assert.Equal(0, RepeatProbe.TiedFraction(TextGenerators.Random(random, 500_000, 4), 256));
        var half = TextGenerators.Random(random, 250_000, 256);
        Assert.InRange(RepeatProbe.TiedFraction([.. half, .. half], 256), 0.99, 1.0);
        var quarter = WithRepeats(random, 400_000, 100_000, 1);
        Assert.InRange(RepeatProbe.TiedFraction([.. quarter, .. quarter.AsSpan(0, 100_000)], 256), 0.3, 0.45);
        Assert.Equal(0, RepeatProbe.TiedFraction("short"u8, 256));
    }

    /// <summary>Random text with <paramref name="copies"/> copies of one random chunk spliced in at random places.</summary>
    private static byte[] WithRepeats(Random random, int length, int chunkLength, int copies)
    {
        var text = TextGenerators.Random(random, length, 4);
        var chunk = TextGenerators.Random(random, chunkLength, 4);
        for (int c = 0; c < copies; c++)
        {
            chunk.CopyTo(text.AsSpan(random.Next(length - chunkLength)));
        }
        return text;
    }
}
