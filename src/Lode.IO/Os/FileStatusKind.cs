namespace Lode.IO;

/// <summary>The type of a directory entry, as <c>lstat</c> reports it.</summary>
public enum FileStatusKind
{
    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (never followed).</summary>
    Symlink,

    /// <summary>A FIFO, socket, or character or block device: nothing a snapshot can read safely.</summary>
    Special,
}
