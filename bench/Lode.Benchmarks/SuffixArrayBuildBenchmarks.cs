using BenchmarkDotNet.Attributes;
using Lode.SuffixArrays;

namespace Lode.Benchmarks;

/// <summary>Suffix array construction over real text at index-shard sizes: CaPS-SA on 1 and 2 threads against SA-IS.</summary>
[MemoryDiagnoser]
public class SuffixArrayBuildBenchmarks
{
    private byte[] _text = [];

    [Params(1 << 20, 8 << 20)]
    public int Bytes { get; set; }

    [Params(SuffixArrayAlgorithm.CapsSa, SuffixArrayAlgorithm.Sais)]
    public SuffixArrayAlgorithm Algorithm { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Corpus.UsrIncludeText(Bytes);

    [Benchmark]
    public int[] Build() => SuffixArray.Build(_text, new SuffixArrayOptions { Algorithm = Algorithm, Threads = Threads });
}
