namespace Lode;

/// <summary>How a path differs between two snapshots.</summary>
public enum DiffKind
{
    /// <summary>Only in the newer snapshot (<c>+</c>).</summary>
    Added,

    /// <summary>Only in the older snapshot (<c>-</c>).</summary>
    Removed,

    /// <summary>In both, with different contents, type, link target or permissions (<c>M</c>).</summary>
    Changed,
}
