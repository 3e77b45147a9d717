namespace Lode.ObjectStorage;

/// <summary>The idle sweep: mapped entries give their resident pages back to the OS.</summary>
public sealed partial class DiskCache
{
    /// <summary>
    /// Releases the resident pages (<c>madvise(MADV_DONTNEED)</c>) of every mapping not read for
    /// <see cref="DiskCacheOptions.IdleThreshold"/>, then, while the mappings not yet released add up to more than
    /// <see cref="DiskCacheOptions.ResidentBudgetBytes"/>, of the least recently read ones. Reads fault the pages in
    /// again from the file. Runs every half threshold on its own; call it to sweep now. Returns how many mappings
    /// it released.
    /// </summary>
    public int Sweep()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return 0;
            }
            var mapped = _entries.Values.Where(e => e.View is not null && Volatile.Read(ref e.Swept) == 0)
                .OrderBy(e => Volatile.Read(ref e.LastRead))
                .ToList();
            long resident = mapped.Sum(e => e.Length);
            int swept = 0;
            foreach (var entry in mapped)
            {
                bool idle = _options.IdleThreshold != Timeout.InfiniteTimeSpan
                    && _time.GetElapsedTime(Volatile.Read(ref entry.LastRead)) >= _options.IdleThreshold;
                if (!idle && resident <= _options.ResidentBudgetBytes)
                {
                    continue;
                }
                ReleasePages(entry);
                resident -= entry.Length;
                swept++;
            }
            _idleSweeps += swept;
            return swept;
        }
    }

    private static unsafe void ReleasePages(CacheEntry entry)
    {
        var handle = entry.View!.SafeMemoryMappedViewHandle;
        byte* pointer = null;
        handle.AcquirePointer(ref pointer);
        try
        {
            // A failure only means the pages stay resident; the mapping is unaffected either way.
            _ = Madvise.DontNeedPages(pointer, entry.Length + entry.View.PointerOffset);
        }
        finally
        {
            handle.ReleasePointer();
        }
        Volatile.Write(ref entry.Swept, 1);
    }
}
