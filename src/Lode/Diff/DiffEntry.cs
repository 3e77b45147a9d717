namespace Lode;

/// <summary>One path that differs between two snapshots.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Old">The entry in the older snapshot; null when added.</param>
/// <param name="New">The entry in the newer snapshot; null when removed.</param>
public sealed record DiffEntry(DiffKind Kind, FileEntry? Old, FileEntry? New)
{
    /// <summary>The path, relative to the snapshot root ("" for the root).</summary>
    public string Path => (New ?? Old)!.Path;

    /// <summary>The entry as it is now: the new one, or the old one when removed.</summary>
    public FileEntry Current => (New ?? Old)!;

    /// <summary>The one-character prefix of the text output: <c>+</c>, <c>-</c> or <c>M</c>.</summary>
    public char Prefix => Kind switch { DiffKind.Added => '+', DiffKind.Removed => '-', _ => 'M' };
}
