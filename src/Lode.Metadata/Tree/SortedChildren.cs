using System.Diagnostics;

namespace Lode.Metadata.Tree;

/// <summary>
/// The edge-sorted child arrays of Node4 and Node16: parallel arrays of edge bytes and children, the first
/// <c>count</c> slots used, edges strictly increasing. Writers shift entries in place under the node's lock.
/// </summary>
internal static class SortedChildren
{
    /// <summary>The slot of <paramref name="edge"/> among the first <paramref name="count"/> edges, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<byte> edges, int count, byte edge)
    {
        int i = edges[..count].IndexOf(edge);
        return i;
    }

    /// <summary>Optimistic lookup: the child under <paramref name="edge"/>, or null.</summary>
    public static object? Find(ReadOnlySpan<byte> edges, ReadOnlySpan<object?> children, int count, byte edge)
    {
        int i = IndexOf(edges, count, edge);
        return i < 0 ? null : Volatile.Read(ref System.Runtime.CompilerServices.Unsafe.AsRef(in children[i]));
    }

    /// <summary>Copies the used slots out (optimistic; the caller validates the node's version afterwards).</summary>
    public static int Copy(ReadOnlySpan<byte> edges, ReadOnlySpan<object?> children, int count, Span<byte> edgesOut, Span<object?> childrenOut)
    {
        for (int i = 0; i < count; i++)
        {
            edgesOut[i] = edges[i];
            childrenOut[i] = Volatile.Read(ref System.Runtime.CompilerServices.Unsafe.AsRef(in children[i]));
        }
        return count;
    }

    /// <summary>Optimistic: the first used slot whose edge is above <paramref name="after"/>.</summary>
    public static bool Next(ReadOnlySpan<byte> edges, ReadOnlySpan<object?> children, int count, int after, out byte edge, out object? child)
    {
        for (int i = 0; i < count; i++)
        {
            if (edges[i] > after)
            {
                edge = edges[i];
                child = Volatile.Read(ref System.Runtime.CompilerServices.Unsafe.AsRef(in children[i]));
                return true;
            }
        }
        (edge, child) = (0, null);
        return false;
    }

    /// <summary>Inserts at the edge's sorted place, shifting larger edges right. Locked, not full, edge absent.</summary>
    public static void Insert(Span<byte> edges, Span<object?> children, ref int count, byte edge, object child)
    {
        Debug.Assert(count < edges.Length && IndexOf(edges, count, edge) < 0);
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

    /// <summary>Replaces the child under an existing edge. Locked.</summary>
    public static void Set(ReadOnlySpan<byte> edges, Span<object?> children, int count, byte edge, object child)
    {
        int i = IndexOf(edges, count, edge);
        Debug.Assert(i >= 0, "replacing a child that is not there");
        Volatile.Write(ref children[i], child);
    }

    /// <summary>Removes the child under an existing edge, shifting larger edges left. Locked.</summary>
    public static void Remove(Span<byte> edges, Span<object?> children, ref int count, byte edge)
    {
        int at = IndexOf(edges, count, edge);
        Debug.Assert(at >= 0, "removing a child that is not there");
        for (int i = at; i < count - 1; i++)
        {
            edges[i] = edges[i + 1];
            children[i] = children[i + 1];
        }
        children[count - 1] = null;
        Volatile.Write(ref count, count - 1);
    }

    /// <summary>Asserts the used edges are strictly increasing and the used children present.</summary>
    public static void CheckShape(ReadOnlySpan<byte> edges, ReadOnlySpan<object?> children, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Debug.Assert(children[i] is not null, "empty slot inside a sorted node");
            Debug.Assert(i == 0 || edges[i - 1] < edges[i], "edges of a sorted node out of order");
        }
        for (int i = count; i < children.Length; i++)
        {
            Debug.Assert(children[i] is null, "child beyond a sorted node's count");
        }
    }
}
