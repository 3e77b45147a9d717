namespace Lode.SuffixArrays.Tests;

/// <summary>
/// The SA-IS core on byte texts, called directly (the public builder picks other algorithms for larger texts):
/// every short text over small alphabets, texts ending in runs, all-equal texts and the byte-value edges.
/// </summary>
public class SaisByteTextTests
{
    private static int[] Sais(byte[] text)
    {
        var sa = new int[text.Length];
        Lode.SuffixArrays.Sais.Build(new SaisText<byte>(text), sa, 256, []);
        return sa;
    }

    [Theory]
    [InlineData(2, 14)]
    [InlineData(3, 9)]
    [InlineData(4, 7)]
    public void Build_matches_naive_sort_for_every_short_text_over_a_small_alphabet(int alphabet, int maxLength)
    {
        for (int length = 1; length <= maxLength; length++)
        {
            var text = new byte[length];
            int total = (int)Math.Pow(alphabet, length);
            for (int code = 0; code < total; code++)
            {
                for (int i = 0, rest = code; i < length; i++, rest /= alphabet)
                {
                    text[i] = (byte)(rest % alphabet);
                }
                Assert.Equal(Naive.SuffixArray(text), Sais(text));
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(256)]
    public void Build_matches_naive_sort_for_every_length_up_to_100(int alphabet)
    {
        var random = new Random(alphabet);
        for (int length = 1; length <= 100; length++)
        {
            for (int round = 0; round < 20; round++)
            {
                var text = TextGenerators.Random(random, length, alphabet);
                Assert.Equal(Naive.SuffixArray(text), Sais(text));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(255)]
    public void Build_matches_naive_sort_for_texts_ending_in_a_run(int runByte)
    {
        var random = new Random(runByte);
        foreach (int runLength in new[] { 1, 2, 3, 17, 500 })
        {
            for (int round = 0; round < 10; round++)
            {
                var head = TextGenerators.Random(random, random.Next(0, 300), round % 2 == 0 ? 3 : 256);
                var text = head.Concat(Enumerable.Repeat((byte)runByte, runLength)).ToArray();
                Assert.Equal(Naive.SuffixArray(text), Sais(text));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    public void Build_sorts_all_equal_bytes_shortest_suffix_first(int value)
    {
        foreach (int length in new[] { 1, 2, 3, 4, 5, 100, 65_537 })
        {
            var text = Enumerable.Repeat((byte)value, length).ToArray();
            Assert.Equal(Enumerable.Range(0, length).Reverse(), Sais(text));
        }
    }

    [Fact]
    public void Build_matches_naive_sort_on_the_byte_value_edges()
    {
        var random = new Random(5);
        for (int round = 0; round < 200; round++)
        {
            var text = TextGenerators.Random(random, random.Next(1, 400), 2).Select(b => b == 0 ? (byte)0 : (byte)255).ToArray();
            Assert.Equal(Naive.SuffixArray(text), Sais(text));
        }
    }

    [Theory]
    [InlineData("ab", 20_000)]
    [InlineData("aab", 20_001)]
    [InlineData("abaababa", 19_999)]
    public void Build_matches_naive_sort_when_the_reduction_recurses_deeply(string unit, int length)
    {
        var periodic = TextGenerators.Periodic(System.Text.Encoding.ASCII.GetBytes(unit), length);
        Assert.Equal(Naive.SuffixArray(periodic), Sais(periodic));
        var fibonacci = TextGenerators.Fibonacci(length);
        Assert.Equal(Naive.SuffixArray(fibonacci), Sais(fibonacci));
    }

    [Fact]
    public void Build_matches_naive_sort_for_larger_random_and_repetitive_texts()
    {
        var random = new Random(17);
        for (int round = 0; round < 6; round++)
        {
            var chunk = TextGenerators.Random(random, random.Next(1, 2_000), round % 3 == 0 ? 256 : 4);
            int copies = random.Next(1, 30);
            var text = Enumerable.Range(0, copies).SelectMany(_ => chunk).Concat(TextGenerators.Random(random, 100, 4)).ToArray();
            Assert.Equal(Naive.SuffixArray(text), Sais(text));
        }
    }
}
