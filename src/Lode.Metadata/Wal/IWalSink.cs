namespace Lode.Metadata.Wal;

/// <summary>
/// Where the ring's flusher puts log bytes: the segment files on disk, or memory in tests. Called from the
/// flusher thread only (and by a checkpoint while the flusher has nothing to write); implementations lock anyway.
/// </summary>
internal interface IWalSink
{
    /// <summary>
    /// Appends the log bytes at logical addresses [<paramref name="lsn"/>, lsn + first.Length + second.Length):
    /// <paramref name="first"/> then <paramref name="second"/> (two parts when the range wraps around the ring).
    /// Addresses arrive in order with no gaps. Throws <see cref="IOException"/> on failure.
    /// </summary>
    void Write(long lsn, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second);

    /// <summary>Makes everything written so far durable (fsync). Throws <see cref="IOException"/> on failure.</summary>
    void Sync();
}
