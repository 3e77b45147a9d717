using System.Diagnostics;

namespace Lode.Metadata.Tree;

/// <summary>
/// Up to 48 children: a 256-byte index from edge byte to slot (0 = none, else slot + 1) and 48 child slots
/// (ART's Node48). Freed slots are reused.
/// </summary>
internal sealed class Node48 : ArtNode
{
    private EdgeBuffer _index;
    private Children48 _children;

    internal override int Capacity => 48;

    internal override int ShrinkAtOrBelow => 12;

    internal override object? FindChild(byte edge)
    {
        int slot = _index[edge];
        return slot == 0 ? null : Volatile.Read(ref _children[slot - 1]);
    }

    internal override bool NextChild(int after, out byte edge, out object? child)
    {
        for (int e = after + 1; e < 256; e++)
        {
            int slot = _index[e];
            if (slot != 0 && Volatile.Read(ref _children[slot - 1]) is { } found)
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
        Debug.Assert(count < 48 && _index[edge] == 0);
        int slot = 0;
        while (_children[slot] is not null)
        {
            slot++;
        }
        Volatile.Write(ref _children[slot], child);
        _index[edge] = (byte)(slot + 1);
        Volatile.Write(ref count, count + 1);
    }

    internal override void SetChild(byte edge, object child)
    {
        Debug.Assert(_index[edge] != 0, "replacing a child that is not there");
        Volatile.Write(ref _children[_index[edge] - 1], child);
    }

    internal override void RemoveChild(byte edge)
    {
        int slot = _index[edge];
        Debug.Assert(slot != 0, "removing a child that is not there");
        _index[edge] = 0;
        Volatile.Write(ref _children[slot - 1], null);
        Volatile.Write(ref count, count - 1);
    }

    internal override ArtNode Grow() => CopyTo(new Node256());

    internal override ArtNode Shrink() => CopyTo(new Node16());

    internal override void CheckShape()
    {
        int used = 0;
        for (int edge = 0; edge < 256; edge++)
        {
            int slot = _index[edge];
            if (slot != 0)
            {
                Debug.Assert(slot <= 48 && _children[slot - 1] is not null, "Node48 index points at an empty slot");
                used++;
            }
        }
        Debug.Assert(used == count, "Node48 count disagrees with its index");
    }
}
