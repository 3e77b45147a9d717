namespace Lode.Metadata.Tree;

/// <summary>The smallest inner node: up to 4 children in edge order, found by a linear scan.</summary>
internal sealed class Node4 : ArtNode
{
    private Edges4 _edges;
    private Children4 _children;

    internal override int Capacity => 4;

    internal override int ShrinkAtOrBelow => -1;

    internal override object? FindChild(byte edge) => SortedChildren.Find(_edges, _children, Count, edge);

    internal override int CopyChildren(Span<byte> edges, Span<object?> children) =>
        SortedChildren.Copy(_edges, _children, Count, edges, children);

    internal override bool NextChild(int after, out byte edge, out object? child) =>
        SortedChildren.Next(_edges, _children, Count, after, out edge, out child);

    internal override void AddChild(byte edge, object child) => SortedChildren.Insert(_edges, _children, ref count, edge, child);

    internal override void SetChild(byte edge, object child) => SortedChildren.Set(_edges, _children, count, edge, child);

    internal override void RemoveChild(byte edge) => SortedChildren.Remove(_edges, _children, ref count, edge);

    internal override ArtNode Grow() => CopyTo(new Node16());

    internal override ArtNode Shrink() => throw new InvalidOperationException("A Node4 has no smaller kind.");

    /// <summary>The first child (for collapsing a node left with one child). Locked.</summary>
    internal (byte Edge, object Child) First() => (_edges[0], _children[0]!);

    internal override void CheckShape() => SortedChildren.CheckShape(_edges, _children, count);
}
