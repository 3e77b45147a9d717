using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Lode.Benchmarks;

/// <summary>
/// Peak resident memory of a suffix array construction, measured inside the benchmark process: the kernel's
/// high-water mark (VmHWM) is reset just before the build (writing 5 to /proc/self/clear_refs) and read just after,
/// and the highest values over all invocations are left in a file that <see cref="SuffixArrayPeakColumn"/> shows
/// (delete the folder lode-sa-bench-peaks in the temp directory before a new run).
/// </summary>
public static class SuffixArrayPeakMemory
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "lode-sa-bench-peaks");

    /// <summary>Runs <paramref name="build"/> and records its peak for (<paramref name="method"/>, <paramref name="input"/>).</summary>
    /// <returns>What the build returned.</returns>
    public static T Measure<T>(string method, SuffixArrayInput input, long textBytes, Func<T> build)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
        long before = Status("VmRSS");
        T result = build();
        long peak = Status("VmHWM");
        Record(method, input, peak, (peak - before + textBytes) / (double)textBytes);
        return result;
    }

    /// <summary>The recorded (peak bytes, bytes per text byte) of a benchmark case, if any.</summary>
    public static (long Peak, double PerTextByte)? Read(string method, SuffixArrayInput input)
    {
        string path = PathOf(method, input);
        if (!File.Exists(path))
        {
            return null;
        }
        string[] fields = File.ReadAllText(path).Split(' ');
        return (long.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private static void Record(string method, SuffixArrayInput input, long peak, double perTextByte)
    {
        Directory.CreateDirectory(Folder);
        // The highest of each over all invocations: later ones start from a heap that keeps freed memory, so the
        // first invocation of the process gives the honest growth.
        var known = Read(method, input);
        if (known is not null)
        {
            peak = Math.Max(peak, known.Value.Peak);
            perTextByte = Math.Max(perTextByte, known.Value.PerTextByte);
        }
        File.WriteAllText(PathOf(method, input), string.Create(CultureInfo.InvariantCulture, $"{peak} {perTextByte:F2}"));
    }

    private static string PathOf(string method, SuffixArrayInput input) =>
        Path.Combine(Folder, $"{method}-{input}-{SuffixArrayInputs.MebibytesOverride}.peak");

    /// <summary>A field of /proc/self/status in bytes (the kernel reports kB).</summary>
    private static long Status(string field)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>The "Peak MiB" or "B/text byte" column of the suffix array table, from <see cref="SuffixArrayPeakMemory"/>.</summary>
public sealed class SuffixArrayPeakColumn(bool perTextByte) : IColumn
{
    /// <inheritdoc />
    public string Id => perTextByte ? "SuffixArrayPeakPerByte" : "SuffixArrayPeak";

    /// <inheritdoc />
    public string ColumnName => perTextByte ? "B/text byte" : "Peak MiB";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Metric;

    /// <inheritdoc />
    public int PriorityInCategory => perTextByte ? 2 : 1;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => perTextByte
        ? "Peak memory of the build (text included, runtime excluded) per text byte"
        : "Peak resident memory of the benchmark process during one build";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var input = (SuffixArrayInput)benchmarkCase.Parameters["Input"];
        var peak = SuffixArrayPeakMemory.Read(benchmarkCase.Descriptor.WorkloadMethod.Name, input);
        if (peak is null)
        {
            return "?";
        }
        return perTextByte
            ? peak.Value.PerTextByte.ToString("F2", CultureInfo.InvariantCulture)
            : (peak.Value.Peak >> 20).ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
