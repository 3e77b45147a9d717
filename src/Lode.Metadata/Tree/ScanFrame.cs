namespace Lode.Metadata.Tree;

/// <summary>
/// One level of a scan's descent: a validated copy of an inner node's prefix, end record and children, and the
/// position of the next child to visit. The copy is consistent (taken between two equal version reads), so the
/// scan can walk it while writers change the node.
/// </summary>
internal sealed class ScanFrame
{
    private byte[] _edges = new byte[4];
    private object?[] _children = new object?[4];

    /// <summary>The node copied.</summary>
    public ArtNode Node { get; private set; } = null!;

    /// <summary>The node's version when copied; the scan descends into a child only while the node still has it.</summary>
    public long Version { get; private set; }

    /// <summary>The node's prefix at the time of the copy.</summary>
    public byte[] Prefix { get; private set; } = [];

    /// <summary>The length of the scan's path after this node's prefix: the position of the next edge byte.</summary>
    public int PathEnd { get; set; }

    /// <summary>True while the path equals the scan's lower bound so far (children below the bound are skipped).</summary>
    public bool OnLower { get; set; }

    /// <summary>The end record still to be visited (the key that ends at this node), or null.</summary>
    public MetadataRecord? End { get; set; }

    /// <summary>The number of children copied.</summary>
    public int Count { get; private set; }

    /// <summary>The index of the next child to visit.</summary>
    public int Next { get; set; }

    /// <summary>The edge byte of child <paramref name="i"/>.</summary>
    public byte EdgeAt(int i) => _edges[i];

    /// <summary>Child <paramref name="i"/>: an inner node or a leaf.</summary>
    public object ChildAt(int i) => _children[i]!;

    /// <summary>
    /// Copies <paramref name="node"/>, retrying until the copy validates; false when the node is obsolete (the
    /// scan must re-seek from the root).
    /// </summary>
    public bool TryCopy(ArtNode node)
    {
        while (node.TryReadLock(out long version))
        {
            if (_edges.Length < node.Capacity)
            {
                _edges = new byte[node.Capacity];
                _children = new object?[node.Capacity];
            }
            byte[] prefix = node.Prefix;
            MetadataRecord? end = node.EndRecord;
            int count = node.CopyChildren(_edges, _children);
            if (node.Validate(version))
            {
                (Node, Version, Prefix, End, Count, Next) = (node, version, prefix, end, count, 0);
                return true;
            }
        }
        return false;
    }
}
