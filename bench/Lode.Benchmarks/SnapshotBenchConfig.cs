using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Lode.Benchmarks;

/// <summary>The columns of the snapshot benchmarks: p50 and p99 read latency, throughput, stored and deduplicated shares.</summary>
public sealed class SnapshotBenchConfig : ManualConfig
{
    /// <summary>Adds the extra columns to the default configuration.</summary>
    public SnapshotBenchConfig() => AddColumn(
        new FigureColumn("p50 (us)", "LatencyP50", 1e-3, "median latency of one read, microseconds"),
        new FigureColumn("p99 (us)", "LatencyP99", 1e-3, "99th percentile latency of one read, microseconds"),
        new FigureColumn("MB/s", "Bytes", double.NaN, "bytes processed per invocation / mean time, 10^6 bytes per second"),
        new FigureColumn("stored %", "StoredPercent", 1, "bytes stored / bytes appended, percent"),
        new FigureColumn("dedup %", "DedupPercent", 1, "bytes appended as parent blocks / bytes appended, percent"));

    private sealed class FigureColumn(string name, string figure, double scale, string legend) : IColumn
    {
        public string Id => $"Lode.{figure}";

        public string ColumnName => name;

        public bool AlwaysShow => false;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (SnapshotBenchResults.Read(benchmarkCase, figure) is not { } value)
            {
                return "-";
            }
            if (!double.IsNaN(scale))
            {
                return (value * scale).ToString("N2", CultureInfo.InvariantCulture);
            }
            double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return meanNs is > 0 ? (value / meanNs.Value * 1e3).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => SnapshotBenchResults.Read(c, figure) is not null);
    }
}
