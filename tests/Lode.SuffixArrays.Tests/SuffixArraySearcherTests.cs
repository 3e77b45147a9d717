using Lode.IO;

namespace Lode.SuffixArrays.Tests;

public class SuffixArraySearcherTests
{
    public static TheoryData<int, int> Samplings => new()
    {
        { 0, 0 },     // no sample
        { 1, 1 },
        { 1, 8 },
        { 3, 2 },
        { 16, 4 },
        { 64, 32 },
        { 1024, 32 },
    };

    [Theory]
    [MemberData(nameof(Samplings))]
    public void FindRange_and_Locate_agree_with_a_naive_scan_on_random_text(int interval, int prefixLength)
    {
        var random = new Random(interval * 31 + prefixLength);
        foreach (int alphabet in new[] { 2, 4, 256 })
        {
            var text = TextGenerators.Random(random, 3_000, alphabet);
            AssertRandomPatterns(random, text, interval, prefixLength);
        }
    }

    [Theory]
    [MemberData(nameof(Samplings))]
    public void FindRange_and_Locate_agree_with_a_naive_scan_on_repetitive_text(int interval, int prefixLength)
    {
        var random = new Random(interval * 17 + prefixLength);
        var oneByte = new byte[2_000];
        Array.Fill(oneByte, (byte)'a');
        AssertRandomPatterns(random, oneByte, interval, prefixLength);
        AssertRandomPatterns(random, TextGenerators.Fibonacci(2_500), interval, prefixLength);
        AssertRandomPatterns(random, TextGenerators.Periodic(TextGenerators.Random(random, 37, 3), 3_700), interval, prefixLength);
    }

    [Theory]
    [MemberData(nameof(Samplings))]
    public void FindRange_finds_patterns_at_the_very_end_of_the_text(int interval, int prefixLength)
    {
        var text = "abracadabra abracadabra"u8.ToArray();
        using var fixture = new SearchFixture(text);
        var searcher = fixture.Searcher(Sample(fixture, interval, prefixLength));
        for (int length = 1; length <= text.Length; length++)
        {
            fixture.AssertFinds(searcher, text[^length..]);
            // Runs past the end of the text: never found.
            fixture.AssertFinds(searcher, [.. text[^length..], (byte)'a']);
        }
    }

    [Theory]
    [MemberData(nameof(Samplings))]
    public void FindRange_of_the_empty_pattern_is_the_whole_array(int interval, int prefixLength)
    {
        using var fixture = new SearchFixture("mississippi"u8.ToArray());
        var searcher = fixture.Searcher(Sample(fixture, interval, prefixLength));
        Assert.Equal(new SuffixRange(0, 11), searcher.FindRange([]));
        Assert.Equal(fixture.SuffixArray, searcher.Locate(searcher.FindRange([])));
    }

    [Theory]
    [MemberData(nameof(Samplings))]
    public void FindRange_compares_patterns_longer_than_one_read_chunk(int interval, int prefixLength)
    {
        var random = new Random(interval + prefixLength);
        var unit = TextGenerators.Random(random, 1_500, 3);
        var text = TextGenerators.Periodic(unit, 1_500 * 4 + 700);
        using var fixture = new SearchFixture(text);
        var searcher = fixture.Searcher(Sample(fixture, interval, prefixLength));
        var present = text.AsSpan(100, 1_000).ToArray();
        fixture.AssertFinds(searcher, present);
        foreach (int at in new[] { 255, 256, 257, 700, 999 })
        {
            var absent = (byte[])present.Clone();
            absent[at] = (byte)(absent[at] + 1);
            fixture.AssertFinds(searcher, absent);
            absent[at] = (byte)(absent[at] - 2);
            fixture.AssertFinds(searcher, absent);
        }
        fixture.AssertFinds(searcher, text[^900..]);
        fixture.AssertFinds(searcher, [.. text[^900..], 0]);
    }

    [Fact]
    public void FindRange_on_an_empty_text_finds_nothing()
    {
        using var fixture = new SearchFixture([]);
        foreach (var searcher in new[] { fixture.Searcher(), fixture.Searcher(Sample(fixture, 4, 4)) })
        {
            Assert.Equal(new SuffixRange(0, 0), searcher.FindRange("x"u8));
            Assert.Equal(new SuffixRange(0, 0), searcher.FindRange([]));
            Assert.Empty(searcher.Locate(new SuffixRange(0, 0)));
        }
    }

    [Fact]
    public void Concurrent_searches_from_many_threads_give_the_same_answers()
    {
        var random = new Random(5);
        var text = TextGenerators.Random(random, 20_000, 4);
        using var fixture = new SearchFixture(text);
        var searcher = fixture.Searcher(Sample(fixture, 32, 6));
        var patterns = Enumerable.Range(0, 200).Select(_ => Pattern(random, text)).ToArray();
        var expected = patterns.Select(p => Naive.Occurrences(text, p)).ToArray();

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
        {
            for (int round = 0; round < 5; round++)
            {
                for (int i = (thread * 13) % patterns.Length, done = 0; done < patterns.Length; done++, i = (i + 1) % patterns.Length)
                {
                    var located = searcher.Locate(searcher.FindRange(patterns[i]));
                    Array.Sort(located);
                    if (!located.AsSpan().SequenceEqual(expected[i]))
                    {
                        failures.Add($"thread {thread}, pattern {i}");
                    }
                }
            }
        });
        Assert.Empty(failures);
    }

    private static void AssertRandomPatterns(Random random, byte[] text, int interval, int prefixLength)
    {
        using var fixture = new SearchFixture(text);
        var searcher = fixture.Searcher(Sample(fixture, interval, prefixLength));
        for (int i = 0; i < 150; i++)
        {
            fixture.AssertFinds(searcher, Pattern(random, text));
        }
    }

    /// <summary>A substring of the text (mostly), sometimes mutated or extended so it is likely absent; up to 80 bytes, so also longer than small sample prefixes.</summary>
    private static byte[] Pattern(Random random, byte[] text)
    {
        int length = random.Next(1, 81);
        int start = random.Next(0, text.Length);
        var pattern = text.AsSpan(start, Math.Min(length, text.Length - start)).ToArray();
        switch (random.Next(4))
        {
            case 0:
                pattern[random.Next(pattern.Length)] = (byte)random.Next(256);
                break;
            case 1:
                pattern = [.. pattern, (byte)random.Next(256)];
                break;
        }
        return pattern;
    }

    private static SuffixArraySample? Sample(SearchFixture fixture, int interval, int prefixLength) =>
        interval == 0 ? null : SuffixArraySample.Build(fixture.Text, fixture.SuffixArray, interval, prefixLength);
}
