using FsCheck;
using FsCheck.Fluent;

namespace Lode.SuffixArrays.Tests;

public class SuffixArrayBuildTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(256)]
    public void Build_matches_naive_sort_for_random_texts(int alphabet)
    {
        var texts = Gen.Choose(0, 10_000)
            .SelectMany(length => Gen.Choose(0, alphabet - 1).ArrayOf(length))
            .Select(symbols => symbols.Select(s => (byte)s).ToArray());
        Prop.ForAll(texts.ToArbitrary(), text => SuffixArray.Build(text).SequenceEqual(Naive.SuffixArray(text)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Build_matches_naive_sort_for_every_short_binary_text()
    {
        for (int length = 0; length <= 12; length++)
        {
            for (int bits = 0; bits < 1 << length; bits++)
            {
                var text = new byte[length];
                for (int i = 0; i < length; i++)
                {
                    text[i] = (byte)((bits >> i) & 1);
                }
                Assert.Equal(Naive.SuffixArray(text), SuffixArray.Build(text));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10_000)]
    public void Build_sorts_a_run_of_one_byte_shortest_suffix_first(int length)
    {
        var text = new byte[length];
        Array.Fill(text, (byte)'x');
        var expected = Enumerable.Range(0, length).Reverse().ToArray();
        Assert.Equal(expected, SuffixArray.Build(text));
    }

    [Theory]
    [InlineData("ab", 9_999)]
    [InlineData("abc", 10_000)]
    [InlineData("aab", 7_777)]
    [InlineData("ba", 5_000)]
    [InlineData("zyxzyxzyw", 10_000)]
    public void Build_matches_naive_sort_for_periodic_texts(string unit, int length)
    {
        var text = TextGenerators.Periodic(System.Text.Encoding.ASCII.GetBytes(unit), length);
        Assert.Equal(Naive.SuffixArray(text), SuffixArray.Build(text));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(610)]
    [InlineData(10_000)]
    public void Build_matches_naive_sort_for_fibonacci_words(int length)
    {
        var text = TextGenerators.Fibonacci(length);
        Assert.Equal(Naive.SuffixArray(text), SuffixArray.Build(text));
    }

    [Fact]
    public void Build_matches_naive_sort_for_a_chunk_repeated_100_times()
    {
        var chunk = TextGenerators.Random(new Random(7), 97, 256);
        var text = TextGenerators.Periodic(chunk, chunk.Length * 100);
        Assert.Equal(Naive.SuffixArray(text), SuffixArray.Build(text));
    }

    [Fact]
    public void Build_matches_naive_sort_for_a_header_repeated_with_small_edits()
    {
        var random = new Random(11);
        var header = System.Text.Encoding.ASCII.GetBytes(
            "/* Licensed under the Apache License, Version 2.0; see LICENSE for details. */\n");
        var text = new List<byte>();
        for (int copy = 0; copy < 120; copy++)
        {
            text.AddRange(header);
            text.AddRange(TextGenerators.Random(random, random.Next(0, 5), 4).Select(b => (byte)(b + 'a')));
        }
        var bytes = text.ToArray();
        Assert.Equal(Naive.SuffixArray(bytes), SuffixArray.Build(bytes));
    }

    [Fact]
    public void Build_orders_bytes_unsigned()
    {
        byte[] text = [0xFF, 0x00, 0x80, 0x7F, 0xFF, 0x00];
        Assert.Equal(Naive.SuffixArray(text), SuffixArray.Build(text));
        Assert.Equal(5, SuffixArray.Build(text)[0]);
    }
}
