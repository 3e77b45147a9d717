using System.Globalization;
using BenchmarkDotNet.Running;

namespace Lode.Benchmarks;

/// <summary>
/// Figures a snapshot benchmark measures besides time — per-read latency percentiles, bytes processed, bytes
/// stored — recorded by the benchmark process in files under the temp directory and shown as extra columns by the
/// host (BenchmarkDotNet runs each case in a child process, so statics would not reach the summary).
/// </summary>
public static class SnapshotBenchResults
{
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "lode-snapshot-bench");

    /// <summary>Records <paramref name="value"/> as figure <paramref name="figure"/> of a benchmark case.</summary>
    public static void Record(string method, string parameters, string figure, double value)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathOf(method, parameters, figure), value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>The parameters of a case as the benchmark and the column both spell them: "Name=Value" joined by ",".</summary>
    public static string Parameters(params (string Name, object Value)[] items) =>
        string.Join(",", items.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => $"{i.Name}={i.Value}"));

    /// <summary>A recorded figure of a case, or null.</summary>
    public static double? Read(BenchmarkCase benchmarkCase, string figure)
    {
        string parameters = Parameters([.. benchmarkCase.Parameters.Items.Select(p => (p.Name, p.Value))]);
        string path = PathOf(benchmarkCase.Descriptor.WorkloadMethod.Name, parameters, figure);
        return File.Exists(path) ? double.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture) : null;
    }

    private static string PathOf(string method, string parameters, string figure) =>
        Path.Combine(Directory, $"{method}-{parameters}-{figure}.txt".Replace('=', '_').Replace(',', '_'));
}
