namespace Lode;

/// <summary>
/// Compares two file tables: a merge of both in path order, deciding "changed" from the recorded SHA-256 of each
/// file's contents, so no file contents are read. Modification times alone do not make a change (restoring or
/// touching a file changes them); contents, type, symlink target and permission bits do.
/// </summary>
public static class SnapshotDiff
{
    /// <summary>The paths that differ between <paramref name="older"/> and <paramref name="newer"/>, in path order.</summary>
    public static IEnumerable<DiffEntry> Compare(FileTable older, FileTable newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var a = older.Entries;
        var b = newer.Entries;
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            int order = i == a.Count ? 1 : j == b.Count ? -1 : PathOrder.Instance.Compare(a[i].Path, b[j].Path);
            if (order < 0)
            {
                yield return new DiffEntry(DiffKind.Removed, a[i++], null);
            }
            else if (order > 0)
            {
                yield return new DiffEntry(DiffKind.Added, null, b[j++]);
            }
            else
            {
                if (Differs(a[i], b[j]))
                {
                    yield return new DiffEntry(DiffKind.Changed, a[i], b[j]);
                }
                i++;
                j++;
            }
        }
    }

    private static bool Differs(FileEntry old, FileEntry now) =>
        old.Kind != now.Kind
        || old.Mode != now.Mode
        || old.Size != now.Size
        || !old.Sha256.Span.SequenceEqual(now.Sha256.Span)
        || old.LinkTarget != now.LinkTarget;
}
