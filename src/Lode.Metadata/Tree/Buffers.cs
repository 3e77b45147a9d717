using System.Runtime.CompilerServices;

namespace Lode.Metadata.Tree;

/// <summary>Inline storage for 4 edge bytes.</summary>
[InlineArray(4)]
internal struct Edges4
{
    private byte _element;
}

/// <summary>Inline storage for 16 edge bytes.</summary>
[InlineArray(16)]
internal struct Edges16
{
    private byte _element;
}

/// <summary>Inline storage for 256 bytes: a Node48's child index, or a scan's copy of any node's edges.</summary>
[InlineArray(256)]
internal struct EdgeBuffer
{
    private byte _element;
}

/// <summary>Inline storage for 4 children.</summary>
[InlineArray(4)]
internal struct Children4
{
    private object? _element;
}

/// <summary>Inline storage for 16 children.</summary>
[InlineArray(16)]
internal struct Children16
{
    private object? _element;
}

/// <summary>Inline storage for 48 children.</summary>
[InlineArray(48)]
internal struct Children48
{
    private object? _element;
}

/// <summary>Inline storage for 256 children: a Node256, or a copy of any node's children.</summary>
[InlineArray(256)]
internal struct ChildBuffer
{
    private object? _element;
}
