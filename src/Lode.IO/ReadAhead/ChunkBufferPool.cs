using System.Buffers;

namespace Lode.IO;

/// <summary>Rents chunk buffers from <see cref="ArrayPool{T}.Shared"/> and counts those outstanding, so tests can
/// prove the read-ahead memory bound (at most depth + 2 buffers alive). Thread-safe.</summary>
internal sealed class ChunkBufferPool(int chunkSize)
{
    private int _outstanding;
    private int _peak;

    public int ChunkSize { get; } = chunkSize;

    /// <summary>Buffers rented and not yet returned.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>The most buffers that were outstanding at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public byte[] Rent()
    {
        int now = Interlocked.Increment(ref _outstanding);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
        return ArrayPool<byte>.Shared.Rent(ChunkSize);
    }

    public void Return(byte[]? buffer)
    {
        if (buffer is null)
        {
            return;
        }
        Interlocked.Decrement(ref _outstanding);
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
