using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Lode.SuffixArrays;

namespace Lode.Benchmarks;

/// <summary>
/// Suffix array construction against libdivsufsort (the baseline; Debian's libdivsufsort.so.3, called through
/// P/Invoke here only) on the inputs of the suffix array spec: Lode's default (exact order, Auto) on 2 threads;
/// CaPS-SA with the bounded context of 256 bytes on 1 and 2 threads (thread scaling), and from file to file under a
/// memory budget of a quarter of its in-memory need (external memory); and SA-IS alone. (CaPS-SA in the exact
/// order without a context is left out: on /usr/include and the repetitive input it rescans long repeats for hours.) Each case runs in its own process; time is per build, Ratio is against divsufsort on the same
/// input, and the peak columns come from <see cref="SuffixArrayPeakMemory"/>.
/// </summary>
/// <remarks>Full run: bench/compare/suffix-arrays-vs-divsufsort.sh. Smoke run: LODE_SA_BENCH_MIB=4 and --job dry.</remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[Config(typeof(PeakColumns))]
public partial class SuffixArrayVsDivsufsortBenchmarks
{
    /// <summary>In-memory CaPS-SA needs about 9 bytes per text byte besides the text.</summary>
    private const long InMemoryBytesPerTextByte = 9;

    private byte[] _text = [];
    private long _textLength;
    private string _workingDirectory = "";

    [Params(SuffixArrayInput.UsrInclude, SuffixArrayInput.RandomBytes, SuffixArrayInput.RandomDna, SuffixArrayInput.Repetitive)]
    public SuffixArrayInput Input { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = SuffixArrayInputs.Create(Input);
        _workingDirectory = Directory.CreateTempSubdirectory("lode-sa-bench-").FullName;
    }

    /// <summary>External memory is measured on files (the output array alone would exceed the budget): the text goes to a file and leaves the heap.</summary>
    [GlobalSetup(Target = nameof(CapsSa256ExternalQuarterBudget))]
    public void SetupExternal()
    {
        Setup();
        _textLength = _text.Length;
        File.WriteAllBytes(TextPath, _text);
        _text = [];
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_workingDirectory, recursive: true);

    [Benchmark(Baseline = true)]
    public int[] Divsufsort() => SuffixArrayPeakMemory.Measure(nameof(Divsufsort), Input, _text.Length, () =>
    {
        var sa = new int[_text.Length];
        int status = DivSufSort(_text, sa, _text.Length);
        return status == 0 ? sa : throw new InvalidOperationException($"divsufsort failed with {status}");
    });

    /// <summary>Lode's default: exact order, Auto (CaPS-SA, or SA-IS when the repeat probe finds many long repeats).</summary>
    [Benchmark]
    public int[] LodeDefault() => Lode(nameof(LodeDefault), new SuffixArrayOptions { Threads = 2 });

    /// <summary>CaPS-SA with the bounded context of 256 bytes a search index needs, on one thread.</summary>
    [Benchmark]
    public int[] CapsSa256OneThread() => Lode(nameof(CapsSa256OneThread), CapsSa256(threads: 1));

    /// <summary>The same on two threads.</summary>
    [Benchmark]
    public int[] CapsSa256TwoThreads() => Lode(nameof(CapsSa256TwoThreads), CapsSa256(threads: 2));

    /// <summary>
    /// CaPS-SA (context 256, two threads) from text file to suffix array file with a budget of a quarter of the
    /// in-memory need: external memory.
    /// </summary>
    [Benchmark]
    public long CapsSa256ExternalQuarterBudget() => SuffixArrayPeakMemory.Measure(nameof(CapsSa256ExternalQuarterBudget), Input, _textLength, () =>
        SuffixArrayFileBuilder.Build(TextPath, TextPath + ".sa", new SuffixArrayOptions
        {
            Threads = 2,
            BoundedContext = 256,
            MemoryBudgetBytes = Math.Max(1 << 20, InMemoryBytesPerTextByte * _textLength / 4),
            WorkingDirectory = _workingDirectory,
        }).FileLength);

    private string TextPath => Path.Combine(_workingDirectory, "text");

    [Benchmark]
    public int[] SaisOnly() => Lode(nameof(SaisOnly), new SuffixArrayOptions { Algorithm = SuffixArrayAlgorithm.Sais });

    private static SuffixArrayOptions CapsSa256(int threads) =>
        new() { Algorithm = SuffixArrayAlgorithm.CapsSa, BoundedContext = 256, Threads = threads };

    private int[] Lode(string method, SuffixArrayOptions options) =>
        SuffixArrayPeakMemory.Measure(method, Input, _text.Length, () => SuffixArray.Build(_text, options));

    [LibraryImport("libdivsufsort.so.3", EntryPoint = "divsufsort")]
    private static partial int DivSufSort(byte[] text, [Out] int[] suffixArray, int length);

    private sealed class PeakColumns : ManualConfig
    {
        public PeakColumns()
        {
            AddColumn(new SuffixArrayPeakColumn(perTextByte: false), new SuffixArrayPeakColumn(perTextByte: true));
        }
    }
}
