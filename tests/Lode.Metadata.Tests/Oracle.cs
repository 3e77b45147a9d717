using System.Text;

namespace Lode.Metadata.Tests;

/// <summary>A sorted dictionary of byte-string keys: the reference every test compares the store and the tree with.</summary>
internal sealed class Oracle
{
    public static readonly Comparer<byte[]> Bytewise = Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b));

    public SortedDictionary<byte[], (byte[] Value, long Version)> Entries { get; } = new(Bytewise);

    /// <summary>What a scan must return: keys (with values) and common prefixes (value null), in order.</summary>
    public List<(byte[] Key, byte[]? Value)> Scan(byte[] prefix, byte[]? startAfter, int limit, int delimiter)
    {
        var result = new List<(byte[] Key, byte[]? Value)>();
        byte[]? lastPrefix = null;
        foreach (var (key, entry) in Entries)
        {
            if (result.Count == limit)
            {
                break;
            }
            if (!key.AsSpan().StartsWith(prefix))
            {
                continue;
            }
            int at = delimiter < 0 ? -1 : key.AsSpan(prefix.Length).IndexOf((byte)delimiter);
            if (at >= 0)
            {
                byte[] common = key[..(prefix.Length + at + 1)];
                bool after = startAfter is null || Bytewise.Compare(common, startAfter) > 0;
                if (after && (lastPrefix is null || !common.AsSpan().SequenceEqual(lastPrefix)))
                {
                    result.Add((common, null));
                    lastPrefix = common;
                }
                continue;
            }
            if (startAfter is null || Bytewise.Compare(key, startAfter) > 0)
            {
                result.Add((key, entry.Value));
            }
        }
        return result;
    }

    public static string Show(IEnumerable<(byte[] Key, byte[]? Value)> items) =>
        string.Join(", ", items.Select(i => Encoding.Latin1.GetString(i.Key) + (i.Value is null ? "*" : "")));
}
