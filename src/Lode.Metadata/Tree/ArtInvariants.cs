using System.Diagnostics;

namespace Lode.Metadata.Tree;

/// <summary>Debug-only checks of node shapes, run by a writer just before it unlocks a node it changed.</summary>
internal static class ArtInvariants
{
    /// <summary>
    /// Asserts the node's count, edge order and index agree, and that a node other than the root holds at least
    /// two items (children plus end record): a node left with one is collapsed into its parent (Debug builds only).
    /// </summary>
    [Conditional("DEBUG")]
    public static void Check(ArtNode node)
    {
        node.CheckShape();
        Debug.Assert(node.Count <= node.Capacity, "count over capacity");
        Debug.Assert(node.IsRoot || node.Count + (node.EndRecord is null ? 0 : 1) >= 2, "an inner node with fewer than two items left in the tree");
    }
}
