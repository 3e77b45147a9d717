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

    /// <summary>A directory with no lock file this old is abandoned too: its process died between creating it and its
    /// lock, or was an older Lode.</summary>
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
    /// Deletes the scratch directories that no live process holds: those whose lock can be taken (their owner died), and
    /// those without a lock file older than an hour. Best effort: what cannot be inspected or deleted is left alone.
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
                if (IsAbandoned(directory))
                {
                    Directory.Delete(directory, recursive: true);
                    swept++;
                }
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
        _lock.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static bool IsAbandoned(string directory)
    {
        string lockPath = System.IO.Path.Combine(directory, LockName);
        if (!File.Exists(lockPath))
        {
            return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > UnlockedGrace;
        }
        // FileShare.None takes an exclusive flock without waiting: it fails while the owner lives.
        using var probe = OpenLock(directory, FileMode.Open);
        return true;
    }

    private static FileStream OpenLock(string directory, FileMode mode) =>
        new(System.IO.Path.Combine(directory, LockName), mode, FileAccess.ReadWrite, FileShare.None);
}
