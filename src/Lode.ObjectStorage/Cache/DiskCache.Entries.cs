using System.IO.MemoryMappedFiles;
using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>Entries: readers and mappings, the budget and LRU eviction, and committing a written entry file.</summary>
public sealed partial class DiskCache
{
    /// <summary>Opens a reader of the indexed entry <paramref name="name"/>, mapping it first if needed; <c>null</c> on a miss. Caller holds the lock.</summary>
    private MappedEntryReader? TryAcquire(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            return null;
        }
        if (entry.Readers == 0 && entry.Length > 0)
        {
            try
            {
                entry.Mapping = MemoryMappedFile.CreateFromFile(entry.Path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                entry.View = entry.Mapping.CreateViewAccessor(0, entry.Length, MemoryMappedFileAccess.Read);
                entry.LastRead = _time.GetTimestamp();
                entry.Swept = 0;
            }
            catch (Exception e) when (IoErrors.IsIo(e))
            {
                // The file went away (another process evicted it) or cannot be mapped: forget it; the caller fetches again.
                entry.Mapping?.Dispose();
                entry.Mapping = null;
                _entries.Remove(name);
                _usedBytes -= entry.FileBytes;
                return null;
            }
        }
        entry.Readers++;
        entry.LastUse = ++_clock;
        return new MappedEntryReader(this, entry, _time);
    }

    /// <summary>Opens a reader of <paramref name="entry"/> if it is still in the index (a lazy reader's switch to local reads).</summary>
    internal IByteSource? TryOpen(CacheEntry entry)
    {
        lock (_lock)
        {
            return !_disposed && _entries.TryGetValue(entry.Name, out var current) && current == entry ? TryAcquire(entry.Name) : null;
        }
    }

    /// <summary>Called by the last dispose of a <see cref="MappedEntryReader"/>: unmaps when no reader is left.</summary>
    internal void ReleaseReader(CacheEntry entry)
    {
        lock (_lock)
        {
            entry.Readers--;
            entry.LastUse = ++_clock;
            if (entry.Readers > 0)
            {
                return;
            }
            entry.View?.Dispose();
            entry.Mapping?.Dispose();
            entry.View = null;
            entry.Mapping = null;
            if (entry.Detached)
            {
                _usedBytes -= entry.FileBytes;
            }
        }
    }

    /// <summary>
    /// Counts <paramref name="bytes"/> against the budget, first evicting least recently used entries that are
    /// neither pinned nor open, if that makes room. Returns <c>false</c>, evicting nothing, when it cannot.
    /// </summary>
    internal bool TryReserve(long bytes)
    {
        lock (_lock)
        {
            if (_disposed || bytes > _options.BudgetBytes)
            {
                return false;
            }
            long excess = _usedBytes + bytes - _options.BudgetBytes;
            if (excess > 0 && !Evict(excess))
            {
                return false;
            }
            _usedBytes += bytes;
            return true;
        }
    }

    /// <summary>Returns reserved bytes that were not used.</summary>
    internal void Release(long bytes)
    {
        lock (_lock)
        {
            _usedBytes -= bytes;
        }
    }

    /// <summary>Evicts LRU entries, not pinned and without readers, until <paramref name="bytes"/> are freed; evicts nothing if they cannot be. Caller holds the lock.</summary>
    private bool Evict(long bytes)
    {
        var victims = new List<CacheEntry>();
        long freed = 0;
        foreach (var entry in _entries.Values.Where(e => e.Readers == 0 && !_pins.ContainsKey(e.Name)).OrderBy(e => e.LastUse))
        {
            if (freed >= bytes)
            {
                break;
            }
            victims.Add(entry);
            freed += entry.FileBytes;
        }
        if (freed < bytes)
        {
            return false;
        }
        foreach (var victim in victims)
        {
            _entries.Remove(victim.Name);
            TryDelete(victim.Path);
            _usedBytes -= victim.FileBytes;
            _evictions++;
        }
        return true;
    }

    /// <summary>Whether an entry for <paramref name="key"/> is in the index (for tests).</summary>
    internal bool Contains(string scope, string key)
    {
        lock (_lock)
        {
            return _entries.ContainsKey(EntryFile.Name(scope, key));
        }
    }

    /// <summary>The fetch of <paramref name="key"/> in flight, or <c>null</c> (for tests).</summary>
    internal Task<CacheEntry?>? PendingFetch(string scope, string key)
    {
        lock (_lock)
        {
            return _fetches.TryGetValue(EntryFile.Name(scope, key), out var fetch) ? fetch.Completion : null;
        }
    }

    /// <summary>A new, unique temp file path: two writers of one key never share one.</summary>
    internal string NewTempPath() => Path.Join(_tempDirectory, Guid.NewGuid().ToString("N") + ".part");

    /// <summary>
    /// Puts a written, fsynced temp file in place as the entry of its key with <c>renameat2(RENAME_NOREPLACE)</c>,
    /// which never replaces an existing file: when another writer won, its entry is kept and this one's temp file removed
    /// (its reservation returned). The reservation of <paramref name="fileBytes"/> becomes the entry's.
    /// </summary>
    internal CacheEntry Commit(CacheWriter writer, long length, long fileBytes)
    {
        string name = EntryFile.Name(writer.Scope, writer.Key);
        string path = Path.Join(_entriesDirectory, name);
        int error = Posix.RenameNoReplace(writer.TempPath, path);
        if (error == Posix.EEXIST && !IsValidEntryFile(path, name))
        {
            // A leftover that is not a valid entry (recovery removes those; another process may have left it since).
            TryDelete(path);
            error = Posix.RenameNoReplace(writer.TempPath, path);
        }
        if (error != 0)
        {
            TryDelete(writer.TempPath);
        }
        if (error is not (0 or Posix.EEXIST))
        {
            Release(fileBytes);
            throw new ObjectStorePermanentException(
                $"Cannot link a cache temp file into place as {path}: errno {error}. The cache directory needs a local Linux filesystem (ext4, xfs, btrfs, tmpfs) that supports renameat2.", writer.Key, null);
        }
        _ = Posix.FsyncDirectory(_entriesDirectory);
        lock (_lock)
        {
            if (_entries.TryGetValue(name, out var existing))
            {
                _usedBytes -= fileBytes;
                return existing;
            }
            var entry = new CacheEntry(name, writer.Scope, writer.Key, length, fileBytes, path) { LastUse = ++_clock };
            _entries[name] = entry;
            return entry;
        }
    }

    private static bool IsValidEntryFile(string path, string name)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return EntryFile.Read(handle, name) is not null;
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            return false;
        }
    }
}
