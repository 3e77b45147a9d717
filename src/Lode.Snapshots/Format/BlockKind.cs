namespace Lode.Snapshots.Format;

/// <summary>What a block info points at. Written to disk; values never change.</summary>
internal enum BlockKind : byte
{
    /// <summary>The block's bytes are stored in this file.</summary>
    Stored = 1,

    /// <summary>An all-zero block; nothing stored.</summary>
    Zero = 2,

    /// <summary>Same plaintext as a block stored earlier in this file; points at that block's stored bytes.</summary>
    Duplicate = 3,

    // 4 is reserved for "parent" (a block stored in a parent snapshot), a 1.x addition.
}
