using System.Diagnostics;

namespace Lode.Metadata.Tree;

/// <summary>The biggest inner node: one child slot per edge byte (ART's Node256). Also the tree's root.</summary>
internal sealed class Node256 : ArtNode
{
    private ChildBuffer _children;

    internal override int Capacity => 256;

    internal override int ShrinkAtOrBelow => 36;

    internal override object? FindChild(byte edge) => Volatile.Read(ref _children[edge]);

    internal override bool NextChild(int after, out byte edge, out object? child)
    {
        for (int e = after + 1; e < 256; e++)
        {
            if (Volatile.Read(ref _children[e]) is { } found)
            {
                (edge, child) = ((byte)e, found);
                return true;
            }
        }
        (edge, child) = (0, null);
        return false;
    }

    internal override void AddChild(byte edge, object child)
    {
        Debug.Assert(_children[edge] is null);
        Volatile.Write(ref _children[edge], child);
        Volatile.Write(ref count, count + 1);
    }

    internal override void SetChild(byte edge, object child)
    {
        Debug.Assert(_children[edge] is not null, "replacing a child that is not there");
        Volatile.Write(ref _children[edge], child);
    }

    internal override void RemoveChild(byte edge)
    {
        Debug.Assert(_children[edge] is not null, "removing a child that is not there");
        Volatile.Write(ref _children[edge], null);
        Volatile.Write(ref count, count - 1);
    }

    internal override ArtNode Grow() => throw new InvalidOperationException("A Node256 is never full.");

    internal override ArtNode Shrink() => CopyTo(new Node48());

    internal override void CheckShape()
    {
        int used = 0;
        for (int edge = 0; edge < 256; edge++)
        {
            used += _children[edge] is null ? 0 : 1;
        }
        Debug.Assert(used == count, "Node256 count disagrees with its slots");
    }
}
