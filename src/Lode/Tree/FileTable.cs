namespace Lode;

/// <summary>
/// A snapshot's file table: every file, directory and symbolic link of the snapshotted tree, the root ("")
/// first, sorted in <see cref="PathOrder"/> so that each directory's descendants follow it contiguously.
/// Immutable and thread-safe once built.
/// </summary>
public sealed partial class FileTable
{
    private readonly FileEntry[] _entries;
    private readonly Dictionary<string, int> _byPath;

    /// <summary>Builds a table from entries already sorted in <see cref="PathOrder"/>, the root first.</summary>
    /// <exception cref="ArgumentException">The entries are unsorted, duplicated, lack the root, have an entry whose
    /// parent is not a directory of the table, or a link target that is empty, holds a NUL byte or belongs to
    /// something other than a symbolic link.</exception>
    public FileTable(IReadOnlyList<FileEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        _byPath = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        var byPath = _byPath.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int i = 0; i < _entries.Length; i++)
        {
            var entry = _entries[i];
            if (!SnapshotPath.IsValidStored(entry.Path))
            {
                throw new ArgumentException($"The file table holds an invalid path '{entry.Path}'.", nameof(entries));
            }
            if ((entry.Kind == FileKind.Symlink) != !string.IsNullOrEmpty(entry.LinkTarget) || entry.LinkTarget?.Contains('\0', StringComparison.Ordinal) == true)
            {
                throw new ArgumentException($"The symbolic link target of '{entry.Path}' is missing, misplaced or holds a NUL byte.", nameof(entries));
            }
            if (i == 0 ? entry.Path.Length != 0 || entry.Kind != FileKind.Directory
                       : PathOrder.Instance.Compare(_entries[i - 1].Path, entry.Path) >= 0)
            {
                throw new ArgumentException($"The file table is not sorted, or does not start with the root directory (at '{entry.Path}').", nameof(entries));
            }
            if (i > 0 && (!byPath.TryGetValue(SnapshotPath.ParentSpan(entry.Path), out int parent) || _entries[parent].Kind != FileKind.Directory))
            {
                throw new ArgumentException($"The parent of '{entry.Path}' is not a directory of the table.", nameof(entries));
            }
            _byPath.Add(entry.Path, i);
        }
    }

    /// <summary>All entries, in <see cref="PathOrder"/>, the root first.</summary>
    public IReadOnlyList<FileEntry> Entries => _entries;

    /// <summary>The root directory's entry.</summary>
    public FileEntry Root => _entries[0];

    /// <summary>Finds an entry by its stored path (see <see cref="SnapshotPath.Normalize"/>).</summary>
    public bool TryGet(string path, out FileEntry entry)
    {
        if (_byPath.TryGetValue(path, out int index))
        {
            entry = _entries[index];
            return true;
        }
        entry = null!;
        return false;
    }

    /// <summary>The direct children of the directory at <paramref name="path"/>, in <see cref="PathOrder"/>.</summary>
    /// <exception cref="KeyNotFoundException">No entry has that path.</exception>
    public IEnumerable<FileEntry> Children(string path)
    {
        if (!_byPath.TryGetValue(path, out int index))
        {
            throw new KeyNotFoundException($"No entry '{path}' in the file table.");
        }
        int depth = path.Length == 0 ? 0 : path.Count(c => c == '/') + 1;
        string prefix = path.Length == 0 ? "" : path + "/";
        for (int i = index + 1; i < _entries.Length && _entries[i].Path.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            if (_entries[i].Path.Count(c => c == '/') == depth)
            {
                yield return _entries[i];
            }
        }
    }
}
