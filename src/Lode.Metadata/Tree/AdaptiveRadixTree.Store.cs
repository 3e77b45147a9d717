namespace Lode.Metadata.Tree;

internal sealed partial class AdaptiveRadixTree
{
    /// <summary>The key ends right after the node's prefix: store it as the node's end record.</summary>
    private Attempt StoreEndRecord<T>(Slot slot, ref T op) where T : IArtWrite, allows ref struct
    {
        (ArtNode node, long version) = (slot.Node, slot.Version);
        MetadataRecord? current = node.EndRecord;
        if (!node.TryUpgrade(version))
        {
            return Attempt.Restart;
        }
        if (!op.Decide(current))
        {
            node.UnlockUnchanged(version);
            return Attempt.Unchanged;
        }
        node.EndRecord = NewRecord(default, ref op);
        if (current is null)
        {
            Interlocked.Increment(ref _count);
        }
        node.Unlock();
        return Attempt.Changed;
    }

    /// <summary>The key's slot holds a leaf: replace it (same key) or push both down into a new Node4 (other key).</summary>
    private Attempt StoreAtLeaf<T>(Slot slot, byte edge, MetadataRecord leaf, ReadOnlySpan<byte> rest, ref T op)
        where T : IArtWrite, allows ref struct
    {
        (ArtNode node, long version) = (slot.Node, slot.Version);
        if (!node.TryUpgrade(version))
        {
            return Attempt.Restart;
        }
        bool same = leaf.Suffix.SequenceEqual(rest);
        if (!op.Decide(same ? leaf : null))
        {
            node.UnlockUnchanged(version);
            return Attempt.Unchanged;
        }
        if (same)
        {
            node.SetChild(edge, NewRecord(rest, ref op));
        }
        else
        {
            ReadOnlySpan<byte> other = leaf.Suffix;
            int match = other.CommonPrefixLength(rest);
            var split = new Node4 { Prefix = Copy(rest[..match]) };
            Hang(split, match, other, leaf.Relocate(other.Length == match ? default : other[(match + 1)..], default, default));
            Hang(split, match, rest, NewRecord(rest.Length == match ? default : rest[(match + 1)..], ref op));
            node.SetChild(edge, split);
            Interlocked.Increment(ref _count);
        }
        node.Unlock();
        return Attempt.Changed;
    }

    /// <summary>Puts a record under a fresh node: as its end record if its key ends at the node, else under its next byte.</summary>
    private static void Hang(ArtNode node, int at, ReadOnlySpan<byte> key, MetadataRecord record)
    {
        if (key.Length == at)
        {
            node.EndRecord = record;
        }
        else
        {
            node.AddChild(key[at], record);
        }
    }

    /// <summary>The key's edge is free: add a leaf, growing the node into a bigger kind first if it is full.</summary>
    private Attempt AddLeaf<T>(Slot slot, byte edge, ReadOnlySpan<byte> rest, ref T op) where T : IArtWrite, allows ref struct
    {
        (ArtNode? parent, long parentVersion, byte parentEdge, ArtNode node, long version) = slot;
        bool full = node.IsFull;
        if (full && !parent!.TryUpgrade(parentVersion))
        {
            return Attempt.Restart;
        }
        if (!node.TryUpgrade(version))
        {
            if (full)
            {
                parent!.UnlockUnchanged(parentVersion);
            }
            return Attempt.Restart;
        }
        if (!op.Decide(null))
        {
            node.UnlockUnchanged(version);
            if (full)
            {
                parent!.UnlockUnchanged(parentVersion);
            }
            return Attempt.Unchanged;
        }
        if (full)
        {
            ArtNode bigger = node.Grow();
            bigger.AddChild(edge, NewRecord(rest, ref op));
            parent!.SetChild(parentEdge, bigger);
            node.UnlockObsolete();
            parent.Unlock();
        }
        else
        {
            node.AddChild(edge, NewRecord(rest, ref op));
            node.Unlock();
        }
        Interlocked.Increment(ref _count);
        return Attempt.Changed;
    }

    /// <summary>The key leaves the node's compressed path after <paramref name="match"/> bytes: a new Node4 takes the shared part.</summary>
    private Attempt SplitPrefix<T>(Slot slot, int match, ReadOnlySpan<byte> rest, ref T op) where T : IArtWrite, allows ref struct
    {
        // The root's prefix is empty, so a node whose prefix the key leaves always has a parent.
        (ArtNode? maybeParent, long parentVersion, byte parentEdge, ArtNode node, long version) = slot;
        ArtNode parent = maybeParent!;
        if (!parent.TryUpgrade(parentVersion))
        {
            return Attempt.Restart;
        }
        if (!node.TryUpgrade(version))
        {
            parent.UnlockUnchanged(parentVersion);
            return Attempt.Restart;
        }
        if (!op.Decide(null))
        {
            node.UnlockUnchanged(version);
            parent.UnlockUnchanged(parentVersion);
            return Attempt.Unchanged;
        }
        byte[] prefix = node.Prefix;
        var split = new Node4 { Prefix = Copy(prefix.AsSpan(0, match)) };
        split.AddChild(prefix[match], node);
        Hang(split, match, rest, NewRecord(rest.Length == match ? default : rest[(match + 1)..], ref op));
        node.Prefix = Copy(prefix.AsSpan(match + 1));
        parent.SetChild(parentEdge, split);
        Interlocked.Increment(ref _count);
        node.Unlock();
        parent.Unlock();
        return Attempt.Changed;
    }
}
