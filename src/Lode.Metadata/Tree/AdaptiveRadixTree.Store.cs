namespace Lode.Metadata.Tree;

internal sealed partial class AdaptiveRadixTree
{
    /// <summary>
    /// Inserts or replaces the record of <paramref name="key"/> if <see cref="IArtWrite.Decide"/> agrees; returns
    /// whether it did. Retries internally when a concurrent writer changes a node on the way.
    /// </summary>
    public bool Store<T>(ReadOnlySpan<byte> key, ref T op) where T : IArtWrite, allows ref struct
    {
        var backoff = new SpinWait();
        while (true)
        {
            Attempt attempt = TryStore(key, ref op);
            if (attempt != Attempt.Restart)
            {
                return attempt == Attempt.Changed;
            }
            backoff.SpinOnce(-1);
        }
    }

    private Attempt TryStore<T>(ReadOnlySpan<byte> key, ref T op) where T : IArtWrite, allows ref struct
    {
        ArtNode? parent = null;
        long parentVersion = 0;
        byte parentEdge = 0;
        ArtNode node = _root;
        if (!node.TryReadLock(out long version))
        {
            return Attempt.Restart;
        }
        int depth = 0;
        while (true)
        {
            byte[] prefix = node.Prefix;
            int match = prefix.AsSpan().CommonPrefixLength(key[depth..]);
            if (match < prefix.Length)
            {
                return SplitPrefix(parent!, parentVersion, parentEdge, node, version, match, key, depth, ref op);
            }
            depth += prefix.Length;
            if (depth == key.Length)
            {
                return StoreEndRecord(node, version, ref op);
            }
            byte edge = key[depth];
            object? child = node.FindChild(edge);
            if (!node.Validate(version))
            {
                return Attempt.Restart;
            }
            if (child is null)
            {
                return AddLeaf(parent, parentVersion, parentEdge, node, version, edge, key[(depth + 1)..], ref op);
            }
            if (child is MetadataRecord leaf)
            {
                return StoreAtLeaf(node, version, edge, leaf, key[(depth + 1)..], ref op);
            }
            var next = (ArtNode)child;
            if (!next.TryReadLock(out long nextVersion) || !node.Validate(version))
            {
                return Attempt.Restart;
            }
            (parent, parentVersion, parentEdge) = (node, version, edge);
            (node, version) = (next, nextVersion);
            depth++;
        }
    }

    private Attempt StoreEndRecord<T>(ArtNode node, long version, ref T op) where T : IArtWrite, allows ref struct
    {
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
    private Attempt StoreAtLeaf<T>(ArtNode node, long version, byte edge, MetadataRecord leaf, ReadOnlySpan<byte> rest, ref T op)
        where T : IArtWrite, allows ref struct
    {
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
    private Attempt AddLeaf<T>(ArtNode? parent, long parentVersion, byte parentEdge, ArtNode node, long version, byte edge,
        ReadOnlySpan<byte> rest, ref T op) where T : IArtWrite, allows ref struct
    {
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
    private Attempt SplitPrefix<T>(ArtNode parent, long parentVersion, byte parentEdge, ArtNode node, long version, int match,
        ReadOnlySpan<byte> key, int depth, ref T op) where T : IArtWrite, allows ref struct
    {
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
        ReadOnlySpan<byte> rest = key[depth..];
        Hang(split, match, rest, NewRecord(rest.Length == match ? default : rest[(match + 1)..], ref op));
        node.Prefix = Copy(prefix.AsSpan(match + 1));
        parent.SetChild(parentEdge, split);
        Interlocked.Increment(ref _count);
        node.Unlock();
        parent.Unlock();
        return Attempt.Changed;
    }
}
