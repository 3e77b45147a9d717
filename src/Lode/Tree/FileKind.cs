namespace Lode;

/// <summary>The kind of a file table entry. The numeric values are written to disk and never change.</summary>
public enum FileKind : byte
{
    /// <summary>A regular file; its bytes are in the snapshot's <c>data</c> stream.</summary>
    File = 1,

    /// <summary>A directory.</summary>
    Directory = 2,

    /// <summary>A symbolic link, stored as its target text and never followed.</summary>
    Symlink = 3,
}
