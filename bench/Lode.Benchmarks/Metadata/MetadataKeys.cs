using System.Text;

namespace Lode.Benchmarks.Metadata;

/// <summary>The key shapes of the reference's workloads.</summary>
public enum KeyShape
{
    /// <summary><c>bucket-NN/dir-DD/sub-S/file-NNNNNN.bin</c>: object-store style, 16 buckets of 16 directories of 8 subdirectories.</summary>
    Bucket,

    /// <summary><c>/usr/share/category-N/file-NNNNNNN</c>: a file system style, 64 wide directories.</summary>
    Usr,
}

/// <summary>Deterministic keys, and the directories the listing workloads list.</summary>
public sealed class MetadataKeys
{
    private MetadataKeys(byte[][] keys, byte[][] files, byte[][] parents)
    {
        Keys = keys;
        FileDirectories = files;
        ParentDirectories = parents;
    }

    /// <summary>The keys, in generation order (not sorted).</summary>
    public byte[][] Keys { get; }

    /// <summary>Directories that hold files directly: the list (take 100) workload lists these.</summary>
    public byte[][] FileDirectories { get; }

    /// <summary>Directories that hold subdirectories: the list_dir (delimiter, take 8) workload lists these.</summary>
    public byte[][] ParentDirectories { get; }

    /// <summary>The first <paramref name="count"/> keys of a shape.</summary>
    public static MetadataKeys Generate(KeyShape shape, int count)
    {
        var keys = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            keys[i] = Encoding.ASCII.GetBytes(shape == KeyShape.Bucket
                ? $"bucket-{i % 16:D2}/dir-{i / 16 % 16:D2}/sub-{i / 256 % 8}/file-{i / 2048:D6}.bin"
                : $"/usr/share/category-{i % 64}/file-{i / 64:D7}");
        }
        byte[][] files = shape == KeyShape.Bucket
            ? [.. Enumerable.Range(0, Math.Min(count, 2048)).Select(i => Encoding.ASCII.GetBytes($"bucket-{i % 16:D2}/dir-{i / 16 % 16:D2}/sub-{i / 256 % 8}/"))]
            : [.. Enumerable.Range(0, Math.Min(count, 64)).Select(i => Encoding.ASCII.GetBytes($"/usr/share/category-{i}/"))];
        byte[][] parents = shape == KeyShape.Bucket
            ? [.. Enumerable.Range(0, Math.Min(count, 256)).Select(i => Encoding.ASCII.GetBytes($"bucket-{i % 16:D2}/dir-{i / 16 % 16:D2}/")),
                .. Enumerable.Range(0, 16).Select(b => Encoding.ASCII.GetBytes($"bucket-{b:D2}/"))]
            : [Encoding.ASCII.GetBytes("/usr/share/"), Encoding.ASCII.GetBytes("/usr/")];
        return new MetadataKeys(keys, files, parents);
    }

    /// <summary>The key counts the tables run at: 20 000 and 2 000 000, or those in LODE_BENCH_KEYS (comma-separated, for smoke runs).</summary>
    public static IEnumerable<int> Counts()
    {
        string? custom = Environment.GetEnvironmentVariable("LODE_BENCH_KEYS");
        return string.IsNullOrWhiteSpace(custom)
            ? [20_000, 2_000_000]
            : custom.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
    }
}
