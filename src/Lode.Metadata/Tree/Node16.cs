using System.Numerics;
using System.Runtime.Intrinsics;

namespace Lode.Metadata.Tree;

/// <summary>Up to 16 children in edge order, found with one 16-byte vector compare (ART's Node16).</summary>
internal sealed class Node16 : ArtNode
{
    private Edges16 _edges;
    private Children16 _children;

    internal override int Capacity => 16;

    internal override int ShrinkAtOrBelow => 3;

    internal override object? FindChild(byte edge)
    {
        int n = Count;
        uint matches = Vector128.Equals(Vector128.Create((ReadOnlySpan<byte>)_edges), Vector128.Create(edge)).ExtractMostSignificantBits();
        matches &= (uint)((1 << n) - 1);
        if (matches == 0)
        {
            return null;
        }
        return Volatile.Read(ref _children[BitOperations.TrailingZeroCount(matches)]);
    }

    internal override int CopyChildren(Span<byte> edges, Span<object?> children) =>
        SortedChildren.Copy(_edges, _children, Count, edges, children);

    internal override bool NextChild(int after, out byte edge, out object? child) =>
        SortedChildren.Next(_edges, _children, Count, after, out edge, out child);

    internal override void AddChild(byte edge, object child) => SortedChildren.Insert(_edges, _children, ref count, edge, child);

    internal override void SetChild(byte edge, object child) => SortedChildren.Set(_edges, _children, count, edge, child);

    internal override void RemoveChild(byte edge) => SortedChildren.Remove(_edges, _children, ref count, edge);

    internal override ArtNode Grow() => CopyTo(new Node48());

    internal override ArtNode Shrink() => CopyTo(new Node4());

    internal override void CheckShape() => SortedChildren.CheckShape(_edges, _children, count);
}
