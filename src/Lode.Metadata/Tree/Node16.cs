using System.Numerics;
using System.Runtime.Intrinsics;

namespace Lode.Metadata.Tree;

/// <summary>Up to 16 children in edge order, found with one 16-byte vector compare (ART's Node16).</summary>
internal sealed class Node16 : SortedNode
{
    private Edges16 _edges;
    private Children16 _children;

    internal override int Capacity => 16;

    internal override int ShrinkAtOrBelow => 3;

    protected override Span<byte> Edges => _edges;

    protected override Span<object?> Children => _children;

    internal override object? FindChild(byte edge)
    {
        uint matches = Vector128.Equals(Vector128.Create((ReadOnlySpan<byte>)_edges), Vector128.Create(edge)).ExtractMostSignificantBits();
        matches &= (uint)((1 << Count) - 1);
        return matches == 0 ? null : Volatile.Read(ref _children[BitOperations.TrailingZeroCount(matches)]);
    }

    internal override ArtNode Grow() => CopyTo(new Node48());

    internal override ArtNode Shrink() => CopyTo(new Node4());
}
