namespace Lode.Benchmarks.Metadata;

/// <summary>What one <c>metadata</c> run measures (see <see cref="MetadataCommand"/>). Immutable.</summary>
internal sealed record MetadataRunSettings
{
    /// <summary>The options the command accepts.</summary>
    public static readonly string[] Names =
        ["--keys", "--shapes", "--engines", "--seconds", "--warmup", "--rounds", "--tables", "--threads", "--writer-seconds", "--dir", "--seed"];

    /// <summary>Key counts of the workload tables.</summary>
    public required int[] Keys { get; init; }

    /// <summary>Key shapes of the workload tables.</summary>
    public required KeyShape[] Shapes { get; init; }

    /// <summary>The engines, Lode first (the ratios' denominator).</summary>
    public required MetadataEngine[] Engines { get; init; }

    /// <summary>Warmup, measuring time and rounds per workload.</summary>
    public required TimingPlan Plan { get; init; }

    /// <summary>Whether to run the workload tables.</summary>
    public required bool Workloads { get; init; }

    /// <summary>Whether to run the durable-writer table.</summary>
    public required bool Writers { get; init; }

    /// <summary>Writer thread counts.</summary>
    public required int[] Threads { get; init; }

    /// <summary>Measuring time per writer thread count (after one warmup of a quarter of it with one writer).</summary>
    public required TimeSpan WriterTime { get; init; }

    /// <summary>Where the stores are created, one fresh subdirectory each, deleted after use.</summary>
    public required string Directory { get; init; }

    /// <summary>Seed of the workloads' random keys and operation draws.</summary>
    public required int Seed { get; init; }

    /// <summary>The settings <paramref name="options"/> give, defaults for the rest.</summary>
    /// <exception cref="FormatException">A value does not parse.</exception>
    /// <exception cref="ArgumentException">A value is out of range or names no engine, shape or table.</exception>
    public static MetadataRunSettings From(CommandOptions options)
    {
        string[] tables = options.List("--tables", "workloads,writers", s => s);
        var unknown = tables.Except(["workloads", "writers"]).ToList();
        var engines = options.List("--engines", "lode,sqlite,lmdb,rocksdb", s => Enum.Parse<MetadataEngine>(s, ignoreCase: true));
        var settings = new MetadataRunSettings
        {
            Keys = options.List("--keys", "20000,2000000", s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)),
            Shapes = options.List("--shapes", "bucket,usr", s => Enum.Parse<KeyShape>(s, ignoreCase: true)),
            Engines = [.. engines.Distinct().OrderBy(e => e != MetadataEngine.Lode)],
            Plan = new TimingPlan(
                TimeSpan.FromSeconds(options.Number("--warmup", 1)),
                TimeSpan.FromSeconds(options.Number("--seconds", 5)),
                options.Int("--rounds", 10)),
            Workloads = tables.Contains("workloads"),
            Writers = tables.Contains("writers"),
            Threads = options.List("--threads", "1,2,4,8", s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)),
            WriterTime = TimeSpan.FromSeconds(options.Number("--writer-seconds", 3)),
            Directory = Path.GetFullPath(options.Text("--dir", Path.GetTempPath())),
            Seed = options.Int("--seed", 42),
        };
        if (unknown.Count > 0 || settings.Keys.Any(k => k < 1) || settings.Threads.Any(t => t < 1) || settings.Plan.Rounds < 1
            || settings.Plan.Measure <= TimeSpan.Zero || settings.WriterTime <= TimeSpan.Zero || settings.Engines.Length == 0)
        {
            throw new ArgumentException("a table, key count, thread count, round count or time is out of range");
        }
        return settings;
    }

    /// <summary>The run's length without loading: warmup and measuring of every workload, and the writers.</summary>
    public TimeSpan Estimate()
    {
        double workloads = Workloads
            ? Keys.Length * Shapes.Length * Engines.Length * Enum.GetValues<MetadataOperation>().Length * (Plan.Warmup + Plan.Measure).TotalSeconds
            : 0;
        double writers = Writers ? Engines.Length * WriterTime.TotalSeconds * (Threads.Length + 0.25) : 0;
        return TimeSpan.FromSeconds(workloads + writers);
    }
}
