using System.Buffers;

namespace Lode.ObjectStorage;

/// <summary>Puts: temp file, fsync, rename or link into place, fsync of the directory; and temp file hygiene.</summary>
public sealed partial class FileSystemObjectStore
{
    private const int CopyBufferBytes = 256 * 1024;

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
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw Directory.Exists(path)
                ? PathConflict(key, path, path)
                : IoErrors.Map(e, "move a temp file into place as", key, path);
        }
        finally
        {
            TryDeleteFile(temp);
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

    /// <summary>Writes <paramref name="content"/> to a new, uniquely named, fsynced temp file and returns its path.</summary>
    /// <remarks>Errors of <paramref name="content"/> itself pass through unchanged; in every failure the temp file is removed.</remarks>
    private async Task<string> WriteTempFileAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        string temp = Path.Join(_tempDirectory, Guid.NewGuid().ToString("N") + ".tmp");
        FileStream file;
        try
        {
            Directory.CreateDirectory(_tempDirectory);
            file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "create a temp file for", key, temp);
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            await using (file)
            {
                int n;
                while ((n = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await WriteOrMapAsync(file, buffer.AsMemory(0, n), key, temp, cancellationToken);
                }
                FlushOrMap(file, key, temp);
            }
            return temp;
        }
        catch
        {
            TryDeleteFile(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WriteOrMapAsync(FileStream file, ReadOnlyMemory<byte> bytes, string key, string temp,
        CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(bytes, cancellationToken);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "write a temp file for", key, temp);
        }
    }

    private static void FlushOrMap(FileStream file, string key, string temp)
    {
        try
        {
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "fsync a temp file for", key, temp);
        }
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

    /// <summary>Removes temp files older than <paramref name="age"/>, left by writers that crashed; skips any it cannot remove.</summary>
    private void RemoveStaleTempFiles(TimeSpan age)
    {
        DateTime cutoff = DateTime.UtcNow - age;
        try
        {
            foreach (var file in new DirectoryInfo(_tempDirectory).EnumerateFiles())
            {
                if (file.LastWriteTimeUtc < cutoff)
                {
                    TryDeleteFile(file.FullName);
                }
            }
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            // No temp directory yet, or it cannot be read: there is nothing this store can clean.
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            // Best effort: a temp file that cannot be removed now is removed as stale by a later open.
        }
    }
}
