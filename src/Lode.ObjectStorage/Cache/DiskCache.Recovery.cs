namespace Lode.ObjectStorage;

/// <summary>Restart: finding the entries of an earlier run, and removing what crashed writers left.</summary>
public sealed partial class DiskCache
{
    /// <summary>
    /// Removes unlocked temp files (a live writer holds an exclusive lock on its own), indexes every entry file
    /// whose trailer checks out (size, CRC, name) in the order of their modification times, deletes the rest, and
    /// evicts down to the budget.
    /// </summary>
    private void Recover()
    {
        try
        {
            System.IO.Directory.CreateDirectory(_entriesDirectory);
            System.IO.Directory.CreateDirectory(_tempDirectory);
            foreach (string temp in System.IO.Directory.EnumerateFiles(_tempDirectory))
            {
                RemoveIfAbandoned(temp);
            }
            var found = new List<(CacheEntry Entry, DateTime Modified)>();
            foreach (var file in new DirectoryInfo(_entriesDirectory).EnumerateFiles())
            {
                if (ReadEntry(file) is { } entry)
                {
                    found.Add((entry, file.LastWriteTimeUtc));
                }
                else
                {
                    TryDelete(file.FullName);
                }
            }
            foreach (var (entry, _) in found.OrderBy(f => f.Modified))
            {
                entry.LastUse = ++_clock;
                _entries[entry.Name] = entry;
                _usedBytes += entry.FileBytes;
            }
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "open the cache directory", null, Directory);
        }
        lock (_lock)
        {
            long excess = _usedBytes - _options.BudgetBytes;
            if (excess > 0)
            {
                Evict(excess);
            }
        }
    }

    private static CacheEntry? ReadEntry(FileInfo file)
    {
        try
        {
            using var handle = File.OpenHandle(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return EntryFile.Read(handle, file.Name) is var (scope, key, length)
                ? new CacheEntry(file.Name, scope, key, length, file.Length, file.FullName)
                : null;
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            return null;
        }
    }

    /// <summary>Deletes a temp file unless a writer (in this or another process) still holds its lock.</summary>
    private static void RemoveIfAbandoned(string temp)
    {
        try
        {
            using var probe = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 0);
            File.Delete(temp);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            // Locked by a live writer, or already gone.
        }
    }
}
