namespace Lode.SuffixArrays.Tests;

/// <summary>
/// The SA-IS core over int alphabets, as used for the reduced strings, with each bucket placement: allocated
/// (no spare memory), pointers only in spare memory, pointers and byte counts in spare memory (valid, or
/// wrapped around by a symbol that occurs 256 times or more), pointers allocated and byte counts in spare
/// memory, pointers and int counts in spare memory; and alphabets
/// large enough for the induction variant that prefetches bucket pointers.
/// </summary>
public class SaisIntAlphabetTests
{
    [Theory]
    [InlineData(300, 0)]
    [InlineData(300, 300)]
    [InlineData(300, 375)]
    [InlineData(300, 600)]
    [InlineData(5_000, 1_300)]
    [InlineData(5_000, 0)]
    [InlineData(3, 0)]
    public void Build_over_int_symbols_matches_naive_sort(int alphabet, int spareLength)
    {
        var random = new Random(alphabet + spareLength);
        for (int round = 0; round < 10; round++)
        {
            var symbols = new int[random.Next(0, 3_000)];
            int used = random.Next(1, alphabet + 1);
            for (int i = 0; i < symbols.Length; i++)
            {
                symbols[i] = random.Next(used) % 7 == 0 ? 0 : random.Next(used);
            }
            var sa = new int[symbols.Length];
            var spare = new int[spareLength];
            Sais.Build(new SaisText<int>(symbols), sa, alphabet, spare);

            var expected = Enumerable.Range(0, symbols.Length).ToArray();
            Array.Sort(expected, (a, b) => symbols.AsSpan(a).SequenceCompareTo(symbols.AsSpan(b)));
            Assert.Equal(expected, sa);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5_000)]
    public void Build_over_a_large_alphabet_matches_naive_sort(int distinct)
    {
        int alphabet = Sais.LargeAlphabet + 1;
        var random = new Random(distinct);
        for (int round = 0; round < 10; round++)
        {
            // Few values spread over the whole alphabet, in runs, so that neighbours are often equal.
            var values = Enumerable.Range(0, distinct).Select(_ => random.Next(alphabet)).Append(alphabet - 1).ToArray();
            var symbols = new List<int>();
            while (symbols.Count < 3_000)
            {
                symbols.AddRange(Enumerable.Repeat(values[random.Next(values.Length)], random.Next(1, 4)));
            }
            var sa = new int[symbols.Count];
            Sais.Build(new SaisText<int>(symbols.ToArray()), sa, alphabet, []);

            var expected = Enumerable.Range(0, symbols.Count).ToArray();
            var array = symbols.ToArray();
            Array.Sort(expected, (a, b) => array.AsSpan(a).SequenceCompareTo(array.AsSpan(b)));
            Assert.Equal(expected, sa);
        }
    }
}
