namespace Lode.Acceptance.Tests.Corpus;

/// <summary>Lists a directory tree without following symlinks, hidden files included, in <see cref="ComponentPathOrder"/>.</summary>
internal static class TreeWalker
{
    private static readonly EnumerationOptions DirectChildren = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Every entry below <paramref name="root"/> (not the root itself), sorted by <see cref="ComponentPathOrder"/>.</summary>
    public static IReadOnlyList<TreeEntry> Walk(string root)
    {
        var entries = new List<TreeEntry>();
        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((Path.GetFullPath(root), ""));
        while (pending.Count > 0)
        {
            var (directory, prefix) = pending.Pop();
            foreach (var entry in Children(directory))
            {
                string relative = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
                entries.Add(entry with { RelativePath = relative });
                if (entry.Kind == EntryKind.Directory)
                {
                    pending.Push((entry.FullPath, relative));
                }
            }
        }
        entries.Sort((x, y) => ComponentPathOrder.Instance.Compare(x.RelativePath, y.RelativePath));
        return entries;
    }

    /// <summary>The direct children of <paramref name="directory"/>, sorted by ordinal UTF-8 bytes of their names.</summary>
    public static IReadOnlyList<TreeEntry> Children(string directory)
    {
        var children = new List<TreeEntry>();
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", DirectChildren))
        {
            var kind = info.LinkTarget is not null ? EntryKind.Symlink
                : info is DirectoryInfo ? EntryKind.Directory
                : EntryKind.File;
            children.Add(new TreeEntry(info.Name, info.FullName, kind));
        }
        children.Sort((x, y) => ComponentPathOrder.CompareBytes(x.Name, y.Name));
        return children;
    }
}
