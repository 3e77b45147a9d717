using Lode.Metadata.Wal;

namespace Lode.Metadata.Tests.Wal;

/// <summary>A sink that keeps the log in memory and notes (rather than throws, on the flusher thread) any out-of-order write.</summary>
internal sealed class MemoryWalSink(long startLsn) : IWalSink
{
    private readonly object _lock = new();
    private readonly MemoryStream _bytes = new();
    private int _syncs;

    public bool OutOfOrder { get; private set; }

    public int Syncs => Volatile.Read(ref _syncs);

    public byte[] Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes.ToArray();
            }
        }
    }

    public void Write(long lsn, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        lock (_lock)
        {
            OutOfOrder |= lsn != startLsn + _bytes.Length;
            _bytes.Write(first);
            _bytes.Write(second);
        }
    }

    public void Sync() => Interlocked.Increment(ref _syncs);
}
