using System.Runtime.CompilerServices;

namespace Lode.ObjectStorage;

/// <summary>Listing: a lazy, depth-first walk of the directory tree that yields keys in ordinal order.</summary>
public sealed partial class FileSystemObjectStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Walks lazily: a directory is read (and sorted) only when the walk reaches it, and only directories that can
    /// hold keys with the prefix are entered; the walk starts at the deepest directory named by the prefix. Within
    /// a directory, entries are ordered by name, a directory's name taken with a trailing <c>'/'</c>, which makes
    /// the depth-first order the ordinal order of the keys. Names that are not valid key segments, symbolic links
    /// and the temp directory are skipped.
    /// </remarks>
    /// <exception cref="ObjectStorePermanentException">A directory cannot be read (for example, permission denied).</exception>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectDisposedException.ThrowIf(_disposed, this);
        int lastSlash = prefix.LastIndexOf('/');
        string startKey = lastSlash < 0 ? "" : prefix[..lastSlash];
        if (startKey.Length > 0 && (!ObjectKey.IsValid(startKey) || IsReserved(startKey)))
        {
            yield break; // No object's key can start with this prefix.
        }
        var pending = new Stack<IEnumerator<Entry>>();
        pending.Push(ReadDirectory(startKey, prefix).GetEnumerator());
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = pending.Peek();
            if (!entries.MoveNext())
            {
                pending.Pop().Dispose();
                continue;
            }
            var entry = entries.Current;
            if (entry.File is null)
            {
                pending.Push(ReadDirectory(entry.Key, prefix).GetEnumerator());
            }
            else
            {
                yield return new ObjectInfo(entry.Key, entry.File.Length, entry.File.LastWriteTimeUtc);
            }
        }
    }

    /// <summary>
    /// The entries of the directory of keys starting <c>directoryKey + "/"</c> (the root for <c>""</c>) that are
    /// objects starting with <paramref name="prefix"/> or directories that may hold such objects, in walk order.
    /// A missing directory has no entries.
    /// </summary>
    private List<Entry> ReadDirectory(string directoryKey, string prefix)
    {
        string directory = directoryKey.Length == 0 ? RootDirectory : Path.Join(RootDirectory, directoryKey);
        var entries = new List<Entry>();
        try
        {
            foreach (var item in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                var entry = ToEntry(directoryKey, item);
                if (entry is not null && entry.MayMatch(prefix))
                {
                    entries.Add(entry);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            return entries;
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "list the directory", null, directory);
        }
        entries.Sort(static (a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));
        return entries;
    }

    private static Entry? ToEntry(string directoryKey, FileSystemInfo item)
    {
        string name = item.Name;
        bool isDirectory = item is DirectoryInfo;
        bool skip = (item.Attributes & FileAttributes.ReparsePoint) != 0
            || name.Contains('/', StringComparison.Ordinal)
            || !ObjectKey.IsValid(name)
            || (directoryKey.Length == 0 && name == TempDirectoryName);
        if (skip)
        {
            return null;
        }
        string key = directoryKey.Length == 0 ? name : directoryKey + "/" + name;
        return new Entry(key, isDirectory ? null : (FileInfo)item);
    }

    /// <summary>One directory entry met by the walk: an object (<see cref="File"/> set) or a directory.</summary>
    private sealed record Entry(string Key, FileInfo? File)
    {
        /// <summary>The key for ordering siblings: a directory sorts as its key plus <c>'/'</c>, like the keys inside it.</summary>
        public string SortKey { get; } = File is null ? Key + "/" : Key;

        /// <summary>Whether this object has the prefix, or this directory can hold keys with it.</summary>
        public bool MayMatch(string prefix) =>
            SortKey.StartsWith(prefix, StringComparison.Ordinal)
            || (File is null && prefix.StartsWith(SortKey, StringComparison.Ordinal));
    }
}
