using Lode.IO;

namespace Lode.Snapshots.Tests;

/// <summary>A byte source that counts the bytes read from it, optionally only those at or after an offset.</summary>
internal sealed class CountingSource(byte[] bytes) : IByteSource
{
    private readonly MemoryByteSource _inner = new(bytes);
    private long _read;

    public long Length => _inner.Length;

    public long BytesRead => Interlocked.Read(ref _read);

    public int ReadAt(long offset, Span<byte> buffer)
    {
        int n = _inner.ReadAt(offset, buffer);
        Interlocked.Add(ref _read, n);
        return n;
    }

    public void Reset() => Interlocked.Exchange(ref _read, 0);

    public void Dispose() => _inner.Dispose();
}
