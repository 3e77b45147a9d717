namespace Lode.Snapshots;

/// <summary>Where a block's bytes come from. The numeric values are written to disk and never change.</summary>
public enum SnapshotBlockKind : byte
{
    /// <summary>The block's bytes are stored in this file.</summary>
    Stored = 1,

    /// <summary>An all-zero block; nothing stored (never used in an encrypted snapshot).</summary>
    Zero = 2,

    /// <summary>Same plaintext as a block stored earlier in this file; points at that block's stored bytes.</summary>
    Duplicate = 3,

    /// <summary>Same plaintext as a block of a parent snapshot; names the parent and the block's place in it (1.1).</summary>
    Parent = 4,
}
