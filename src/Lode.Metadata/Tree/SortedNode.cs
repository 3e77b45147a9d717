using System.Diagnostics;

namespace Lode.Metadata.Tree;

/// <summary>
/// Node4 and Node16: parallel arrays of edge bytes and children, the first <c>count</c> slots used, edges strictly
/// increasing. Writers shift entries in place under the node's lock; optimistic readers may see a shift half done,
/// which their version check catches, and never index past the arrays (counts are clamped).
/// </summary>
internal abstract class SortedNode : ArtNode
{
    /// <summary>The node's inline edge bytes (<see cref="ArtNode.Capacity"/> of them).</summary>
    protected abstract Span<byte> Edges { get; }

    /// <summary>The node's inline child slots (<see cref="ArtNode.Capacity"/> of them).</summary>
    protected abstract Span<object?> Children { get; }

    internal override object? FindChild(byte edge)
    {
        int i = Edges[..Count].IndexOf(edge);
        return i < 0 ? null : Volatile.Read(ref Children[i]);
    }

    internal override bool NextChild(int after, out byte edge, out object? child)
    {
        Span<byte> edges = Edges;
        for (int i = 0, n = Count; i < n; i++)
        {
            if (edges[i] > after)
            {
                (edge, child) = (edges[i], Volatile.Read(ref Children[i]));
                return true;
            }
        }
        (edge, child) = (0, null);
        return false;
    }

    internal override void AddChild(byte edge, object child)
    {
        Span<byte> edges = Edges;
        Span<object?> children = Children;
        Debug.Assert(count < edges.Length && edges[..count].IndexOf(edge) < 0, "adding to a full node or an existing edge");
        int at = 0;
        while (at < count && edges[at] < edge)
        {
            at++;
        }
        for (int i = count; i > at; i--)
        {
            edges[i] = edges[i - 1];
            children[i] = children[i - 1];
        }
        edges[at] = edge;
        Volatile.Write(ref children[at], child);
        Volatile.Write(ref count, count + 1);
    }

    internal override void SetChild(byte edge, object child)
    {
        int i = Edges[..count].IndexOf(edge);
        Debug.Assert(i >= 0, "replacing a child that is not there");
        Volatile.Write(ref Children[i], child);
    }

    internal override void RemoveChild(byte edge)
    {
        Span<byte> edges = Edges;
        Span<object?> children = Children;
        int at = edges[..count].IndexOf(edge);
        Debug.Assert(at >= 0, "removing a child that is not there");
        for (int i = at; i < count - 1; i++)
        {
            edges[i] = edges[i + 1];
            children[i] = children[i + 1];
        }
        children[count - 1] = null;
        Volatile.Write(ref count, count - 1);
    }

    internal override void CheckShape()
    {
        for (int i = 0; i < Capacity; i++)
        {
            Debug.Assert((i < count) == (Children[i] is not null), "a sorted node's used slots and count disagree");
            Debug.Assert(i == 0 || i >= count || Edges[i - 1] < Edges[i], "edges of a sorted node out of order");
        }
    }
}
