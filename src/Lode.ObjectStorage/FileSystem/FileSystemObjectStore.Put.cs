namespace Lode.ObjectStorage;

/// <summary>Puts: temp file, rename or link into place, fsync of the directories.</summary>
public sealed partial class FileSystemObjectStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The content is written to a temp file and fsynced, then renamed over the object (atomic on POSIX
    /// filesystems), then the parent directory is fsynced. Until the rename the old object is untouched and a
    /// failure removes the temp file. If only the final directory fsync fails, the new object is already in place
    /// but may not survive a crash, and the put throws <see cref="ObjectStorePermanentException"/>; a filesystem
    /// that cannot fsync directories at all (EINVAL, ENOTSUP) is accepted as is.
    /// </remarks>
    /// <exception cref="ObjectStorePermanentException">The filesystem failed (disk full, permission denied, ...) or the key's path is blocked by an object.</exception>
    /// <exception cref="ObjectStoreTransientException">The filesystem was busy.</exception>
    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        string path = Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(content);
        string temp = await WriteTempFileAsync(key, content, cancellationToken);
        string syncUpTo;
        try
        {
            syncUpTo = CreateParentDirectories(key, path);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e)
        {
            TryDeleteFile(temp);
            if (IoErrors.IsIo(e))
            {
                throw Directory.Exists(path)
                    ? PathConflict(key, path, path)
                    : IoErrors.Map(e, "move a temp file into place as", key, path);
            }
            throw;
        }
        SyncDirectories(key, Path.GetDirectoryName(path)!, syncUpTo);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns <c>false</c> at once, without reading <paramref name="content"/>, when the object exists. Otherwise
    /// writes and fsyncs a temp file and hard-links it to the object's path with <c>link(2)</c>, which fails
    /// atomically when the path exists, so of racing callers exactly one wins; then removes the temp name and
    /// fsyncs the directory (see <see cref="PutAsync"/> for a failure of that last step).
    /// </remarks>
    /// <exception cref="ObjectStorePermanentException">The filesystem failed, or does not support hard links.</exception>
    /// <exception cref="ObjectStoreTransientException">The filesystem was busy.</exception>
    public async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        string path = Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(content);
        if (File.Exists(path))
        {
            return false;
        }
        string temp = await WriteTempFileAsync(key, content, cancellationToken);
        string syncUpTo;
        int error;
        try
        {
            syncUpTo = CreateParentDirectories(key, path);
            error = Posix.Link(temp, path);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "create the directory of", key, path);
        }
        finally
        {
            TryDeleteFile(temp);
        }
        if (error == Posix.EEXIST)
        {
            return false;
        }
        if (error != 0)
        {
            throw new ObjectStorePermanentException(
                $"Cannot link a temp file into place as object {ObjectKey.Describe(key)} at {path}: errno {error}. " +
                "The filesystem store needs a filesystem with hard links (ext4, xfs, btrfs, tmpfs, ...).", key, null);
        }
        SyncDirectories(key, Path.GetDirectoryName(path)!, syncUpTo);
        return true;
    }

    /// <summary>
    /// Creates the object's parent directories and returns the deepest one that already existed: every
    /// directory from the parent up to it has a new entry to fsync.
    /// </summary>
    private string CreateParentDirectories(string key, string path)
    {
        string parent = Path.GetDirectoryName(path)!;
        string existing = parent;
        while (existing.Length > RootDirectory.Length && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw PathConflict(key, path, existing);
            }
            existing = Path.GetDirectoryName(existing)!;
        }
        if (existing != parent)
        {
            Directory.CreateDirectory(parent);
        }
        return existing;
    }

    private static ObjectStorePermanentException PathConflict(string key, string path, string blocker) =>
        new($"Cannot put object {ObjectKey.Describe(key)} at {path}: {blocker} is " +
            (blocker == path ? "a directory of longer keys" : "another object") +
            ", and the filesystem store cannot hold a key that is both an object and a directory. " +
            "Delete the other object(s) or choose another key.", key, null);

    /// <summary>Fsyncs <paramref name="directory"/> and each of its ancestors up to and including <paramref name="upTo"/>.</summary>
    private static void SyncDirectories(string key, string directory, string upTo)
    {
        for (string current = directory; ; current = Path.GetDirectoryName(current)!)
        {
            int error = Posix.FsyncDirectory(current);
            if (error is not (0 or Posix.EINVAL or Posix.ENOTSUP))
            {
                throw new ObjectStorePermanentException(
                    $"Object {ObjectKey.Describe(key)} was written, but fsync of its directory {current} failed (errno {error}): " +
                    "it is visible now but may not survive a crash. Check the disk, then put the object again.", key, null);
            }
            if (current.Length <= upTo.Length)
            {
                return;
            }
        }
    }
}
