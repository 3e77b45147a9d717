using Lode.Metadata.Tree;

namespace Lode.Metadata.Tests.Tree;

/// <summary>Unconditional tree writes and scans for tests.</summary>
internal static class TreeWrites
{
    public static bool Put(this AdaptiveRadixTree tree, byte[] key, byte[] value, long version)
    {
        var op = new ApplyWrite(value, version);
        return tree.Store(key, ref op);
    }

    public static bool Delete(this AdaptiveRadixTree tree, byte[] key)
    {
        var op = new ApplyWrite(default, 0);
        return tree.Remove(key, ref op);
    }

    public static List<(byte[] Key, byte[]? Value)> Scan(this AdaptiveRadixTree tree, byte[] prefix, byte[]? startAfter, int limit, int delimiter)
    {
        ArtScanner scanner = ArtScanner.Rent(tree.Root, prefix, startAfter, delimiter);
        var result = new List<(byte[] Key, byte[]? Value)>();
        while (result.Count < limit && scanner.MoveNext(out byte[] key, out MetadataRecord? record))
        {
            result.Add((key, record?.Value.ToArray()));
        }
        scanner.Return();
        return result;
    }
}
