using System.Text;
using Lode.IO;

namespace Lode;

/// <summary>One entry met by <see cref="TreeWalker"/>.</summary>
/// <param name="RelativePath">The path from the walk's root, '/'-separated ("" for the root).</param>
/// <param name="FullPath">The absolute path on disk.</param>
/// <param name="Status">What lstat says of it.</param>
internal readonly record struct WalkedEntry(string RelativePath, string FullPath, FileStatus Status);

/// <summary>
/// Walks a directory tree depth-first, names in UTF-8 byte order, so entries come out in <see cref="PathOrder"/>.
/// Symbolic links are reported, never followed. Entries that vanish or cannot be read are reported through
/// the warning callback and skipped; entries the <see cref="WalkFilter"/> excludes are skipped silently. Holds one
/// directory listing per level of depth at a time.
/// </summary>
internal static class TreeWalker
{
    private static readonly EnumerationOptions Listing = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    public static IEnumerable<WalkedEntry> Walk(string root, WalkFilter filter, Action<string> warn)
    {
        var rootStatus = FileStatus.Get(root);
        filter.SetRoot(rootStatus);
        yield return new WalkedEntry("", root, rootStatus);
        var stack = new Stack<IEnumerator<string>>();
        var prefixes = new Stack<string>();
        stack.Push(List(root, rootStatus, filter, warn).GetEnumerator());
        prefixes.Push("");
        while (stack.Count > 0)
        {
            var names = stack.Peek();
            if (!names.MoveNext())
            {
                names.Dispose();
                stack.Pop();
                prefixes.Pop();
                continue;
            }
            string relative = prefixes.Peek() + names.Current;
            string full = Path.Join(root, relative);
            FileStatus status;
            try
            {
                status = FileStatus.Get(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                warn($"skipped {full}: {e.Message}");
                continue;
            }
            if (filter.Excludes(relative, status))
            {
                continue;
            }
            if (status.Kind == FileStatusKind.Special)
            {
                warn($"skipped {full}: not a regular file, directory or symbolic link");
                continue;
            }
            yield return new WalkedEntry(relative, full, status);
            if (status.Kind == FileStatusKind.Directory)
            {
                stack.Push(List(full, status, filter, warn).GetEnumerator());
                prefixes.Push(relative + "/");
            }
        }
    }

    private static IReadOnlyList<string> List(string directory, FileStatus status, WalkFilter filter, Action<string> warn) =>
        filter.OnlyNames(directory, status) ?? ListSorted(directory, warn);

    private static List<string> ListSorted(string directory, Action<string> warn)
    {
        List<string> names;
        try
        {
            names = [.. Directory.EnumerateFileSystemEntries(directory, "*", Listing).Select(Path.GetFileName).OfType<string>()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn($"could not list {directory}: {e.Message}");
            return [];
        }
        names.Sort(static (a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));
        return names;
    }
}
