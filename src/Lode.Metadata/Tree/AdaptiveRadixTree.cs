namespace Lode.Metadata.Tree;

/// <summary>
/// A concurrent adaptive radix tree over byte-string keys (Leis et al., ICDE 2013) with path compression, lazy
/// leaf expansion (a leaf hangs where its key first differs from every other key and keeps the rest of its key
/// as a suffix), nodes that grow 4 → 16 → 48 → 256 and shrink back with hysteresis, and optimistic lock coupling
/// (Leis et al., DaMoN 2016): lookups and scans take no locks and never block writers; writers lock only the one
/// or two (three, to collapse a path) nodes they change, so writers in disjoint subtrees run in parallel.
/// Memory-resident: every key and value lives on the managed heap.
/// </summary>
/// <remarks>Thread-safe. Keys are 1 or more bytes; the caller enforces length limits.</remarks>
internal sealed partial class AdaptiveRadixTree
{
    private readonly Node256 _root = new() { IsRoot = true };
    private long _count;

    /// <summary>The root: a Node256 with an empty prefix that is never replaced.</summary>
    internal ArtNode Root => _root;

    /// <summary>The number of keys stored.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The record stored under <paramref name="key"/>, or null. Lock-free; linearizable.</summary>
    public MetadataRecord? Find(ReadOnlySpan<byte> key)
    {
        var backoff = new SpinWait();
        while (true)
        {
            if (TryFind(key, out MetadataRecord? record))
            {
                return record;
            }
            backoff.SpinOnce(-1);
        }
    }

    private bool TryFind(ReadOnlySpan<byte> key, out MetadataRecord? record)
    {
        record = null;
        ArtNode node = _root;
        if (!node.TryReadLock(out long version))
        {
            return false;
        }
        int depth = 0;
        while (true)
        {
            byte[] prefix = node.Prefix;
            if (!key[depth..].StartsWith(prefix))
            {
                return node.Validate(version);
            }
            depth += prefix.Length;
            if (depth == key.Length)
            {
                record = node.EndRecord;
                return node.Validate(version);
            }
            object? child = node.FindChild(key[depth]);
            if (!node.Validate(version))
            {
                return false;
            }
            if (child is MetadataRecord leaf)
            {
                record = leaf.Suffix.SequenceEqual(key[(depth + 1)..]) ? leaf : null;
                return true;
            }
            if (child is null)
            {
                return true;
            }
            var next = (ArtNode)child;
            if (!next.TryReadLock(out long nextVersion) || !node.Validate(version))
            {
                return false;
            }
            node = next;
            version = nextVersion;
            depth++;
        }
    }

    /// <summary>A fresh array holding <paramref name="bytes"/> (the shared empty array for none).</summary>
    private static byte[] Copy(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? [] : bytes.ToArray();

    private static MetadataRecord NewRecord<T>(ReadOnlySpan<byte> suffix, ref T op) where T : IArtWrite, allows ref struct =>
        new(suffix, op.Value, op.Version);

    /// <summary>What one optimistic attempt at a change came to.</summary>
    private enum Attempt
    {
        Changed,
        Unchanged,
        Restart,
    }
}
