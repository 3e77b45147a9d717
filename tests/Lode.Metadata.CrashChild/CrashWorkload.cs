using System.Buffers.Binary;
using System.Text;

namespace Lode.Metadata.CrashChild;

/// <summary>
/// The deterministic write sequence of each writer thread of the crash campaign, and the check that a reopened
/// store holds every acknowledged write. Writer <c>t</c> owns the keys under <c>t&lt;t&gt;/</c>; its operation
/// <c>i</c> (a put, delete, rename or atomic batch) depends only on (t, i), and re-running it on a state it already
/// produced changes nothing, so a restarted writer simply continues after its last acknowledged operation.
/// </summary>
internal static class CrashWorkload
{
    /// <summary>The acknowledgement log of writer <paramref name="thread"/>: one 8-byte little-endian operation index per acknowledged write, fsynced.</summary>
    public static string AckPath(string ackDirectory, int thread) => Path.Combine(ackDirectory, $"ack-{thread}");

    /// <summary>The index of the last operation writer <paramref name="thread"/> acknowledged, or -1 (a torn last entry is ignored).</summary>
    public static long LastAcknowledged(string ackDirectory, int thread)
    {
        string path = AckPath(ackDirectory, thread);
        if (!File.Exists(path))
        {
            return -1;
        }
        byte[] bytes = File.ReadAllBytes(path);
        int whole = bytes.Length / 8 * 8;
        return whole == 0 ? -1 : BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(whole - 8));
    }

    /// <summary>Runs operation <paramref name="index"/> of writer <paramref name="thread"/> against the store.</summary>
    public static void Run(MetadataStore store, int thread, long index)
    {
        var (kind, a, b) = Operation(index);
        string prefix = $"t{thread}/";
        switch (kind)
        {
            case 0:
                store.Put($"{prefix}k{a}", $"v{index}");
                break;
            case 1:
                store.Delete($"{prefix}k{a}");
                break;
            case 2:
                store.Rename($"{prefix}k{a}", $"{prefix}k{b}");
                break;
            default:
                store.Atomic(new MetadataBatch().Put($"{prefix}b{a}/x", $"x{index}").Put($"{prefix}b{a}/y", $"y{index}").Delete($"{prefix}k{b}"));
                break;
        }
    }

    /// <summary>Applies operation <paramref name="index"/> to a model of the writer's keys (same effect as <see cref="Run"/>).</summary>
    public static void Apply(SortedDictionary<string, string> model, int thread, long index)
    {
        var (kind, a, b) = Operation(index);
        string prefix = $"t{thread}/";
        switch (kind)
        {
            case 0:
                model[$"{prefix}k{a}"] = $"v{index}";
                break;
            case 1:
                model.Remove($"{prefix}k{a}");
                break;
            case 2:
                if (model.Remove($"{prefix}k{a}", out string? value) && a != b)
                {
                    model[$"{prefix}k{b}"] = value;
                }
                else if (value is not null)
                {
                    model[$"{prefix}k{a}"] = value;
                }
                break;
            default:
                model[$"{prefix}b{a}/x"] = $"x{index}";
                model[$"{prefix}b{a}/y"] = $"y{index}";
                model.Remove($"{prefix}k{b}");
                break;
        }
    }

    /// <summary>
    /// Checks writer <paramref name="thread"/>'s keys in <paramref name="store"/>: they must equal the model after every
    /// acknowledged operation, or after one more (written but killed before its acknowledgement). Returns null when
    /// they do, else what differs.
    /// </summary>
    public static string? Verify(MetadataStore store, int thread, long lastAcknowledged)
    {
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (MetadataEntry entry in store.Scan(ScanOptions.WithPrefix($"t{thread}/")))
        {
            actual[entry.KeyText] = Encoding.UTF8.GetString(entry.Value.Span);
        }
        var model = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (long i = 0; i <= lastAcknowledged; i++)
        {
            Apply(model, thread, i);
        }
        if (Same(model, actual))
        {
            return null;
        }
        Apply(model, thread, lastAcknowledged + 1);
        return Same(model, actual)
            ? null
            : $"writer {thread} acknowledged {lastAcknowledged + 1} operations but the store holds [{string.Join(", ", actual.Select(e => $"{e.Key}={e.Value}"))}]";
    }

    private static bool Same(SortedDictionary<string, string> expected, SortedDictionary<string, string> actual) =>
        expected.Count == actual.Count && expected.All(e => actual.TryGetValue(e.Key, out string? v) && v == e.Value);

    private static (int Kind, int A, int B) Operation(long index)
    {
        ulong h = (ulong)index * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        return ((int)(h % 7 < 3 ? 0 : h % 7 - 2), (int)((h >> 8) % 40), (int)((h >> 20) % 40));
    }
}
