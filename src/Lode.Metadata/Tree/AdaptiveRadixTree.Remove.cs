namespace Lode.Metadata.Tree;

internal sealed partial class AdaptiveRadixTree
{
    /// <summary>How removing one item reshapes the node that held it.</summary>
    private enum RemovalPlan
    {
        /// <summary>Remove the item in place.</summary>
        InPlace,

        /// <summary>Only the end record is left: it replaces the node in the parent.</summary>
        LiftEnd,

        /// <summary>One child and no end record is left: the child takes the node's place, its path lengthened.</summary>
        Collapse,

        /// <summary>The node falls to its kind's shrink threshold: a smaller copy replaces it.</summary>
        Shrink,
    }

    /// <summary>The key ends right after the node's prefix: remove the node's end record, if any.</summary>
    private Attempt RemoveEnd<T>(Slot slot, ref T op) where T : IArtWrite, allows ref struct
    {
        MetadataRecord? end = slot.Node.EndRecord;
        if (!slot.Node.Validate(slot.Version))
        {
            return Attempt.Restart;
        }
        return end is null ? Attempt.Unchanged : RemoveItem(slot, isEnd: true, 0, end, ref op);
    }

    private static RemovalPlan PlanRemoval(ArtNode node, bool isEnd)
    {
        if (node.IsRoot)
        {
            return RemovalPlan.InPlace;
        }
        int children = isEnd ? node.Count : node.Count - 1;
        bool end = !isEnd && node.EndRecord is not null;
        if (children == 0)
        {
            return RemovalPlan.LiftEnd;
        }
        if (children == 1 && !end)
        {
            return RemovalPlan.Collapse;
        }
        return children <= node.ShrinkAtOrBelow ? RemovalPlan.Shrink : RemovalPlan.InPlace;
    }

    /// <summary>Removes one item (an end record, or the leaf under <paramref name="edge"/>) from the slot's node and reshapes it.</summary>
    private Attempt RemoveItem<T>(Slot slot, bool isEnd, byte edge, MetadataRecord current, ref T op) where T : IArtWrite, allows ref struct
    {
        ArtNode node = slot.Node;
        RemovalPlan plan = PlanRemoval(node, isEnd);
        ArtNode? parent = plan == RemovalPlan.InPlace ? null : slot.Parent;
        if (parent is not null && !parent.TryUpgrade(slot.ParentVersion))
        {
            return Attempt.Restart;
        }
        if (!node.TryUpgrade(slot.Version))
        {
            parent?.UnlockUnchanged(slot.ParentVersion);
            return Attempt.Restart;
        }
        // A collapse lengthens the remaining child's path: lock it too when it is an inner node.
        (byte Edge, object? Child) remaining = plan == RemovalPlan.Collapse ? Remaining(node, isEnd, edge) : default;
        long remainingVersion = 0;
        if (remaining.Child is ArtNode locked && !locked.TryLock(out remainingVersion))
        {
            node.UnlockUnchanged(slot.Version);
            parent!.UnlockUnchanged(slot.ParentVersion);
            return Attempt.Restart;
        }
        if (!op.Decide(current))
        {
            (remaining.Child as ArtNode)?.UnlockUnchanged(remainingVersion);
            node.UnlockUnchanged(slot.Version);
            parent?.UnlockUnchanged(slot.ParentVersion);
            return Attempt.Unchanged;
        }
        Reshape(plan, slot, isEnd, edge, remaining);
        Interlocked.Decrement(ref _count);
        return Attempt.Changed;
    }

    /// <summary>The one child left after removing an item from a node with two items and no end record. Locked.</summary>
    private static (byte Edge, object? Child) Remaining(ArtNode node, bool isEnd, byte removedEdge)
    {
        var edges = new EdgeBuffer();
        var children = new ChildBuffer();
        int n = node.CopyChildren(edges, children);
        for (int i = 0; i < n; i++)
        {
            if (isEnd || edges[i] != removedEdge)
            {
                return (edges[i], children[i]);
            }
        }
        throw new InvalidOperationException("A node planned for collapse has no other child.");
    }

    /// <summary>Carries out a removal plan; every node it touches is locked, and it unlocks them all.</summary>
    private static void Reshape(RemovalPlan plan, Slot slot, bool isEnd, byte edge, (byte Edge, object? Child) remaining)
    {
        ArtNode node = slot.Node;
        if (isEnd)
        {
            node.EndRecord = null;
        }
        else
        {
            node.RemoveChild(edge);
        }
        if (plan == RemovalPlan.InPlace)
        {
            node.Unlock();
            return;
        }
        ArtNode parent = slot.Parent!;
        byte[] prefix = node.Prefix;
        object replacement;
        switch (plan)
        {
            case RemovalPlan.LiftEnd:
                replacement = node.EndRecord!.Relocate(prefix, default, default);
                break;
            case RemovalPlan.Collapse when remaining.Child is MetadataRecord leaf:
                replacement = leaf.Relocate(prefix, [remaining.Edge], leaf.Suffix);
                break;
            case RemovalPlan.Collapse:
                var child = (ArtNode)remaining.Child!;
                child.Prefix = [.. prefix, remaining.Edge, .. child.Prefix];
                child.Unlock();
                replacement = child;
                break;
            default:
                replacement = node.Shrink();
                break;
        }
        parent.SetChild(slot.ParentEdge, replacement);
        node.UnlockObsolete();
        parent.Unlock();
    }
}
