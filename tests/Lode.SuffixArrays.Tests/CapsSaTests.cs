using FsCheck;
using FsCheck.Fluent;

namespace Lode.SuffixArrays.Tests;

/// <summary>CaPS-SA forced on small texts, with every split into subarrays and any number of threads.</summary>
public class CapsSaTests
{
    private static SuffixArrayOptions Caps(int subarrays, int threads, int? context = null) => new()
    {
        Algorithm = SuffixArrayAlgorithm.CapsSa,
        SubarrayCount = subarrays,
        Threads = threads,
        BoundedContext = context,
    };

    private static Gen<byte[]> Texts(int alphabet, int maxLength) =>
        Gen.Choose(0, maxLength)
            .SelectMany(length => Gen.Choose(0, alphabet - 1).ArrayOf(length))
            .Select(symbols => symbols.Select(s => (byte)s).ToArray());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(256)]
    public void CapsSa_matches_naive_sort_and_kasai_for_random_texts(int alphabet)
    {
        var cases = Texts(alphabet, 10_000).SelectMany(text =>
            Gen.Choose(1, 70).Select(subarrays => (text, subarrays)));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var result = SuffixArray.BuildWithLcp(c.text, Caps(c.subarrays, threads: 3));
            int[] expected = Naive.SuffixArray(c.text);
            return result.SuffixArray.SequenceEqual(expected) && result.Lcp.SequenceEqual(Naive.Kasai(c.text, expected));
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(256)]
    public void Bounded_context_matches_the_naive_bounded_order(int alphabet)
    {
        var cases = Texts(alphabet, 3_000).SelectMany(text =>
            Gen.Choose(1, 40).SelectMany(subarrays => Gen.Choose(1, 12).Select(context => (text, subarrays, context))));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var result = SuffixArray.BuildWithLcp(c.text, Caps(c.subarrays, threads: 2, c.context));
            int[] expected = Naive.SuffixArray(c.text, c.context);
            return result.SuffixArray.SequenceEqual(expected) &&
                result.Lcp.SequenceEqual(Naive.Kasai(c.text, expected, c.context));
        }).QuickCheckThrowOnFailure();
    }

    public static TheoryData<string> RepetitiveTexts => ["one byte", "periodic", "fibonacci", "file x100"];

    [Theory]
    [MemberData(nameof(RepetitiveTexts))]
    public void Bounded_context_sorts_large_repetitive_texts_fast_and_right(string kind)
    {
        var random = new Random(kind.Length);
        byte[] text = kind switch
        {
            "one byte" => [.. Enumerable.Repeat((byte)'z', 150_000)],
            "periodic" => TextGenerators.Periodic("abcabd"u8.ToArray(), 150_000),
            "fibonacci" => TextGenerators.Fibonacci(150_000),
            _ => TextGenerators.Periodic(TextGenerators.Random(random, 1_500, 256), 150_000),
        };
        // Without a context each of these costs CaPS-SA quadratic rescanning; with one, every comparison stops at 32 bytes.
        var result = SuffixArray.BuildWithLcp(text, Caps(subarrays: 16, threads: 2, context: 32));
        int[] expected = Naive.SuffixArray(text, 32);
        Assert.Equal(expected, result.SuffixArray);
        Assert.Equal(Naive.Kasai(text, expected, 32), result.Lcp);
    }

    [Fact]
    public void The_result_is_the_same_with_one_thread_and_with_all()
    {
        var random = new Random(17);
        foreach (int alphabet in new[] { 2, 4, 256 })
        {
            var text = TextGenerators.Random(random, 200_000, alphabet);
            var one = SuffixArray.BuildWithLcp(text, new SuffixArrayOptions { Threads = 1, Algorithm = SuffixArrayAlgorithm.CapsSa });
            var all = SuffixArray.BuildWithLcp(text, new SuffixArrayOptions { Threads = Math.Max(4, Environment.ProcessorCount), Algorithm = SuffixArrayAlgorithm.CapsSa });
            Assert.Equal(one.SuffixArray, all.SuffixArray);
            Assert.Equal(one.Lcp, all.Lcp);
            Assert.Equal(SuffixArray.Build(text, new SuffixArrayOptions { Algorithm = SuffixArrayAlgorithm.Sais }), one.SuffixArray);
        }
    }
}
