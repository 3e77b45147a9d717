using Lode.IO;

namespace Lode.Benchmarks.Metadata;

/// <summary>
/// A realistic file table for the catalog measurement: what a snapshot of "/" holding only some directories (e.g.
/// /usr/include and /usr/share) would list, walked with the engine's <see cref="TreeWalker"/> (lstat, links not
/// followed). Files get their real sizes and consecutive data offsets; no hashes (the catalog does not store them).
/// </summary>
internal static class CatalogTemplate
{
    /// <summary>The table of <paramref name="sources"/> (absolute directories) and their ancestors, root first, in path order.</summary>
    /// <exception cref="IOException">A source or one of its ancestors cannot be read.</exception>
    public static FileTable Build(IEnumerable<string> sources, Action<string> warn)
    {
        var entries = new Dictionary<string, FileEntry>(StringComparer.Ordinal);
        long offset = 0;
        foreach (string source in sources)
        {
            string relative = Path.GetFullPath(source).Trim('/');
            string[] parts = relative.Split('/');
            for (int depth = 0; depth < parts.Length; depth++)
            {
                string ancestor = string.Join('/', parts[..depth]);
                entries.TryAdd(ancestor, Directory(ancestor, FileStatus.Get("/" + ancestor)));
            }
            foreach (WalkedEntry walked in TreeWalker.Walk("/" + relative, new WalkFilter(new SnapshotOptions(), []), warn))
            {
                string path = walked.RelativePath.Length == 0 ? relative : relative + "/" + walked.RelativePath;
                if (entries.ContainsKey(path) || Entry(path, walked, offset) is not { } entry)
                {
                    continue;
                }
                entries.Add(path, entry);
                offset += entry.Size;
            }
        }
        return new FileTable([.. entries.Values.OrderBy(e => e.Path, PathOrder.Instance)]);
    }

    /// <summary>The first <paramref name="count"/> entries of <paramref name="table"/>: a valid table, since parents come before children in path order.</summary>
    public static FileTable Prefix(FileTable table, int count) => new([.. table.Entries.Take(count)]);

    private static FileEntry? Entry(string path, WalkedEntry walked, long offset) => walked.Status.Kind switch
    {
        FileStatusKind.Directory => Directory(path, walked.Status),
        FileStatusKind.Symlink when new FileInfo(walked.FullPath).LinkTarget is { } target => new FileEntry
        {
            Path = path, Kind = FileKind.Symlink, Mode = walked.Status.Mode, ModifiedTimeNs = walked.Status.ModifiedTimeNs, LinkTarget = target,
        },
        FileStatusKind.Regular => new FileEntry
        {
            Path = path, Kind = FileKind.File, Mode = walked.Status.Mode, ModifiedTimeNs = walked.Status.ModifiedTimeNs,
            Size = walked.Status.Size, DataOffset = offset,
        },
        _ => null,
    };

    private static FileEntry Directory(string path, FileStatus status) =>
        new() { Path = path, Kind = FileKind.Directory, Mode = status.Mode, ModifiedTimeNs = status.ModifiedTimeNs };
}
