using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// A reader of a cached object through its memory mapping. Holds one reader count of the entry until disposed,
/// which keeps the entry from eviction and the mapping alive.
/// </summary>
/// <remarks>
/// Thread-safe. Each read pins the view's handle (<c>AcquirePointer</c>), so even a dispose racing a read cannot
/// unmap the memory under it: the unmap waits for the last read to let go.
/// </remarks>
internal sealed unsafe class MappedEntryReader(DiskCache cache, CacheEntry entry, TimeProvider time) : IByteSource
{
    private int _disposed;

    /// <inheritdoc />
    public long Length => entry.Length;

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (offset >= entry.Length || buffer.IsEmpty)
        {
            return 0;
        }
        int n = (int)Math.Min(buffer.Length, entry.Length - offset);
        var handle = entry.View!.SafeMemoryMappedViewHandle;
        byte* pointer = null;
        handle.AcquirePointer(ref pointer);
        try
        {
            new ReadOnlySpan<byte>(pointer + entry.View.PointerOffset + offset, n).CopyTo(buffer);
        }
        finally
        {
            handle.ReleasePointer();
        }
        Volatile.Write(ref entry.LastRead, time.GetTimestamp());
        Volatile.Write(ref entry.Swept, 0);
        return n;
    }

    /// <summary>Lets go of the entry; the last reader's dispose unmaps it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            cache.ReleaseReader(entry);
        }
    }
}
