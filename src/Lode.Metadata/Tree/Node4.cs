namespace Lode.Metadata.Tree;

/// <summary>The smallest inner node: up to 4 children in edge order, found by a linear scan.</summary>
internal sealed class Node4 : SortedNode
{
    private Edges4 _edges;
    private Children4 _children;

    internal override int Capacity => 4;

    internal override int ShrinkAtOrBelow => -1;

    protected override Span<byte> Edges => _edges;

    protected override Span<object?> Children => _children;

    internal override ArtNode Grow() => CopyTo(new Node16());

    internal override ArtNode Shrink() => throw new InvalidOperationException("A Node4 has no smaller kind.");
}
