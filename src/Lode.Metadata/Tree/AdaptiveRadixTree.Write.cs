namespace Lode.Metadata.Tree;

internal sealed partial class AdaptiveRadixTree
{
    /// <summary>
    /// Inserts or replaces the record of <paramref name="key"/> if <see cref="IArtWrite.Decide"/> agrees; returns
    /// whether it did. Retries internally when a concurrent writer changes a node on the way.
    /// </summary>
    public bool Store<T>(ReadOnlySpan<byte> key, ref T op) where T : IArtWrite, allows ref struct => Write(key, ref op, removal: false);

    /// <summary>
    /// Removes the record of <paramref name="key"/> if it exists and <see cref="IArtWrite.Decide"/> agrees; returns
    /// whether it did. Retries internally when a concurrent writer changes a node on the way.
    /// </summary>
    public bool Remove<T>(ReadOnlySpan<byte> key, ref T op) where T : IArtWrite, allows ref struct => Write(key, ref op, removal: true);

    private bool Write<T>(ReadOnlySpan<byte> key, ref T op, bool removal) where T : IArtWrite, allows ref struct
    {
        var backoff = new SpinWait();
        while (true)
        {
            Attempt attempt = TryWrite(key, ref op, removal);
            if (attempt != Attempt.Restart)
            {
                return attempt == Attempt.Changed;
            }
            backoff.SpinOnce(-1);
        }
    }

    /// <summary>A node reached by a traversal, with its parent (null at the root), both at the versions the traversal read.</summary>
    private readonly record struct Slot(ArtNode? Parent, long ParentVersion, byte ParentEdge, ArtNode Node, long Version);

    /// <summary>
    /// One optimistic descent to the key's slot (Leis et al. 2016): every node read is validated before its result is
    /// used, and the change itself locks only the nodes it needs, from the versions read on the way down.
    /// </summary>
    private Attempt TryWrite<T>(ReadOnlySpan<byte> key, ref T op, bool removal) where T : IArtWrite, allows ref struct
    {
        var slot = new Slot(null, 0, 0, _root, 0);
        if (!_root.TryReadLock(out long rootVersion))
        {
            return Attempt.Restart;
        }
        slot = slot with { Version = rootVersion };
        int depth = 0;
        while (true)
        {
            ArtNode node = slot.Node;
            byte[] prefix = node.Prefix;
            int match = prefix.AsSpan().CommonPrefixLength(key[depth..]);
            if (match < prefix.Length)
            {
                if (removal)
                {
                    return node.Validate(slot.Version) ? Attempt.Unchanged : Attempt.Restart;
                }
                return SplitPrefix(slot, match, key[depth..], ref op);
            }
            depth += prefix.Length;
            if (depth == key.Length)
            {
                return removal ? RemoveEnd(slot, ref op) : StoreEndRecord(slot, ref op);
            }
            byte edge = key[depth];
            object? child = node.FindChild(edge);
            if (!node.Validate(slot.Version))
            {
                return Attempt.Restart;
            }
            ReadOnlySpan<byte> rest = key[(depth + 1)..];
            switch (child)
            {
                case null:
                    return removal ? Attempt.Unchanged : AddLeaf(slot, edge, rest, ref op);
                case MetadataRecord leaf when removal:
                    return leaf.Suffix.SequenceEqual(rest) ? RemoveItem(slot, isEnd: false, edge, leaf, ref op) : Attempt.Unchanged;
                case MetadataRecord leaf:
                    return StoreAtLeaf(slot, edge, leaf, rest, ref op);
            }
            var next = (ArtNode)child;
            if (!next.TryReadLock(out long nextVersion) || !node.Validate(slot.Version))
            {
                return Attempt.Restart;
            }
            slot = new Slot(node, slot.Version, edge, next, nextVersion);
            depth++;
        }
    }
}
