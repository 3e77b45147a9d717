using BenchmarkDotNet.Attributes;
using Lode.SuffixArrays;

namespace Lode.Benchmarks;

/// <summary>Suffix array construction (SA-IS) over real text: the cost of indexing at snapshot time.</summary>
[MemoryDiagnoser]
public class SuffixArrayBuildBenchmarks
{
    private byte[] _text = [];

    [Params(1 << 20, 16 << 20)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Corpus.UsrIncludeText(Bytes);

    [Benchmark]
    public int[] Build() => SuffixArray.Build(_text);
}
