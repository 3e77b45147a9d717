namespace Lode.Acceptance.Tests.Corpus;

/// <summary>What a directory entry is, judged without following symlinks.</summary>
internal enum EntryKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory (not a symlink to one).</summary>
    Directory,

    /// <summary>A symbolic link, whatever it points to (or nothing).</summary>
    Symlink,
}

/// <summary>One entry of a walked tree.</summary>
/// <param name="RelativePath">Path from the tree root, components joined by <c>/</c>.</param>
/// <param name="FullPath">Absolute path on disk.</param>
/// <param name="Kind">Regular file, directory or symlink.</param>
internal sealed record TreeEntry(string RelativePath, string FullPath, EntryKind Kind)
{
    /// <summary>The last path component.</summary>
    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];
}
