namespace Lode;

/// <summary>
/// A private temporary directory of one snapshot or index build (under <see cref="Path.GetTempPath"/>, named
/// <c>lode-snapshot-*</c> or <c>lode-index-*</c>), deleted when disposed. It holds a lock file open for as long as it
/// lives (an exclusive <c>flock</c>, which the kernel drops when the process dies however it dies), so a later
/// <see cref="SweepAbandoned"/> can tell the directories of killed processes from those of running ones and delete them.
/// </summary>
/// <remarks>Not thread-safe; owned by one operation.</remarks>
internal sealed class ScratchDirectory : IDisposable
{
    private const string LockName = "lock";

    /// <summary>A directory with files but no lock file this old is abandoned too (an older Lode's).</summary>
    private static readonly TimeSpan UnlockedGrace = TimeSpan.FromHours(1);

    private static readonly string[] Prefixes = ["lode-snapshot-", "lode-index-"];

    private readonly FileStream _lock;

    private ScratchDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>Creates a new directory named <paramref name="prefix"/> plus random characters, and locks it.</summary>
    /// <remarks>A sweep by another process can take the lock in the instant between its file's creation and its
    /// locking, and delete the directory; the lock is therefore checked to still be there once held, and the directory
    /// made again if not (after that, no sweep can take the lock).</remarks>
    public static ScratchDirectory Create(string prefix)
    {
        while (true)
        {
            var directory = Directory.CreateTempSubdirectory(prefix);
            FileStream lockFile;
            try
            {
                lockFile = OpenLock(directory.FullName, FileMode.CreateNew);
            }
            catch (DirectoryNotFoundException)
            {
                continue; // Swept while still empty, before its lock existed: make another.
            }
            catch
            {
                directory.Delete(recursive: true);
                throw;
            }
            if (File.Exists(lockFile.Name))
            {
                return new ScratchDirectory(directory.FullName, lockFile);
            }
            lockFile.Dispose(); // Swept away before the lock was held: make another.
        }
    }

    /// <summary>
    /// Deletes the scratch directories that no live process holds: those whose lock can be taken (their owner died),
    /// empty ones without a lock file (their owner died before making it), and others without a lock file older than an
    /// hour. Best effort: what cannot be inspected or deleted is left alone.
    /// </summary>
    /// <returns>How many directories were deleted.</returns>
    public static int SweepAbandoned()
    {
        int swept = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Prefixes.SelectMany(p => Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), p + "*")).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        foreach (string directory in candidates)
        {
            try
            {
                swept += TrySweep(directory) ? 1 : 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use, another process's, or already gone: not ours to clean.
            }
        }
        return swept;
    }

    public void Dispose()
    {
        try
        {
            DeleteLockLast(Path);
        }
        catch (DirectoryNotFoundException)
        {
        }
        finally
        {
            _lock.Dispose();
        }
    }

    /// <summary>Deletes a scratch directory's contents, then its lock file, then itself: killed at any point, it is left
    /// holding its (unheld) lock file or empty, and the next sweep finishes the job.</summary>
    private static void DeleteLockLast(string directory)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(directory).ToList())
        {
            if (System.IO.Path.GetFileName(entry) == LockName)
            {
                continue;
            }
            if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
        File.Delete(System.IO.Path.Combine(directory, LockName));
        Directory.Delete(directory, recursive: false);
    }

    /// <summary>Deletes <paramref name="directory"/> when no live process holds it; whether it did.</summary>
    private static bool TrySweep(string directory)
    {
        string lockPath = System.IO.Path.Combine(directory, LockName);
        if (!File.Exists(lockPath))
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                // Its process died between making it and its lock, or is in that instant and makes another when this
                // delete wins (see Create); a non-recursive delete cannot remove a lock made meanwhile.
                Directory.Delete(directory, recursive: false);
                return true;
            }
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) <= UnlockedGrace)
            {
                return false;
            }
        }
        else
        {
            // FileShare.None takes an exclusive flock without waiting: it fails while the owner lives.
            using var probe = OpenLock(directory, FileMode.Open);
        }
        DeleteLockLast(directory);
        return true;
    }

    private static FileStream OpenLock(string directory, FileMode mode) =>
        new(System.IO.Path.Combine(directory, LockName), mode, FileAccess.ReadWrite, FileShare.None);
}
