namespace Lode.Metadata.Tree;

/// <summary>
/// One level of a scan's descent: an inner node, where its prefix ends in the scan's path, and the edge of the
/// child visited last. Children are read one at a time, each read validated against the node's version, so a scan
/// costs in proportion to the children it visits, not to the width of the nodes it passes. A node's full path never
/// changes while it is in the tree (a split or collapse moves bytes between a node's prefix and its parent, not out
/// of the path), so the frame stays right while writers change the node; only a node replaced whole (obsolete)
/// sends the scan back to the root.
/// </summary>
internal sealed class ScanFrame
{
    /// <summary>The node.</summary>
    public ArtNode Node { get; private set; } = null!;

    /// <summary>The node's version when the last child was read; the scan descends into that child only while it holds.</summary>
    public long Version { get; private set; }

    /// <summary>The node's prefix when the frame was entered.</summary>
    public byte[] Prefix { get; private set; } = [];

    /// <summary>The length of the scan's path after this node's prefix: the position of the next edge byte.</summary>
    public int PathEnd { get; set; }

    /// <summary>True while the path equals the scan's lower bound so far (children below the bound are skipped).</summary>
    public bool OnLower { get; set; }

    /// <summary>The end record still to be visited (the key that ends at this node), or null.</summary>
    public MetadataRecord? End { get; set; }

    /// <summary>The edge of the child visited last; -1 before the first.</summary>
    public int LastEdge { get; set; }

    /// <summary>Reads the node's prefix and end record consistently; false when the node is obsolete.</summary>
    public bool TryEnter(ArtNode node)
    {
        while (node.TryReadLock(out long version))
        {
            byte[] prefix = node.Prefix;
            MetadataRecord? end = node.EndRecord;
            if (node.Validate(version))
            {
                (Node, Version, Prefix, End, LastEdge) = (node, version, prefix, end, -1);
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Reads the next child after <see cref="LastEdge"/> consistently and advances past it. Returns 1 for a child,
    /// 0 when the node has no more, -1 when the node is obsolete (the scan must re-seek).
    /// </summary>
    public int TryNext(out byte edge, out object? child)
    {
        while (Node.TryReadLock(out long version))
        {
            bool found = Node.NextChild(LastEdge, out edge, out child);
            if (Node.Validate(version))
            {
                Version = version;
                if (found)
                {
                    LastEdge = edge;
                }
                return found ? 1 : 0;
            }
        }
        (edge, child) = (0, null);
        return -1;
    }

    /// <summary>Makes the next <see cref="TryNext"/> read the child under <paramref name="edge"/> again (the node changed while the scan descended).</summary>
    public void Revisit(byte edge) => LastEdge = edge - 1;
}
