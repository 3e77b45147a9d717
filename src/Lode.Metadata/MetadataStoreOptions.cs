namespace Lode.Metadata;

/// <summary>How a <see cref="MetadataStore"/> opened on a directory logs and checkpoints. Read once, at open.</summary>
public sealed record MetadataStoreOptions
{
    /// <summary>The smallest ring: room for the largest single-key record (a 64 KiB key and a 64 KiB value) twice over.</summary>
    public const int MinRingBytes = 256 << 10;

    /// <summary>The largest ring.</summary>
    public const int MaxRingBytes = 256 << 20;

    /// <summary>When writes return relative to the disk. Default <see cref="Durability.Sync"/>.</summary>
    public Durability Durability { get; init; } = Durability.Sync;

    /// <summary>
    /// Start a background checkpoint once this many bytes of log have been written since the last one. Default
    /// 64 MiB; 0 or less disables the size trigger. A larger value means fewer checkpoints but a longer replay on open.
    /// </summary>
    public long CheckpointWalBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Start a background checkpoint this long after the last one when anything changed. Default 5 minutes;
    /// <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/> disables the time trigger.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The write-ahead log ring in bytes, rounded up to a power of two, from <see cref="MinRingBytes"/> to
    /// <see cref="MaxRingBytes"/>. Default 8 MiB. Writers wait for the flusher when it is full; an atomic batch must
    /// encode to at most this many bytes.
    /// </summary>
    public int RingBytes { get; init; } = 8 << 20;

    /// <summary>
    /// With <see cref="Durability.Async"/>, the longest a returned write waits before the flusher writes and fsyncs it
    /// (the window a crash can lose). Default 10 ms; at least 1 ms.
    /// </summary>
    public TimeSpan AsyncFlushInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Whether <see cref="MetadataStore.Dispose"/> writes a final checkpoint when anything changed, so the next open
    /// replays no log. Default true. With false, closing is quick and the next open replays the log instead; with
    /// <see cref="Durability.None"/> false means changes since the last checkpoint are dropped at close.
    /// </summary>
    public bool CheckpointOnDispose { get; init; } = true;

    /// <summary>Checks the options; throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Durability))
        {
            throw new ArgumentOutOfRangeException(nameof(Durability), Durability, "Durability must be Sync, Async or None.");
        }
        if (RingBytes is < MinRingBytes or > MaxRingBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(RingBytes), RingBytes, $"RingBytes must be from {MinRingBytes} to {MaxRingBytes}.");
        }
        // Monitor.Wait, which the background threads wait with, takes at most int.MaxValue ms (about 24.8 days).
        if (AsyncFlushInterval < TimeSpan.FromMilliseconds(1) || AsyncFlushInterval.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(AsyncFlushInterval), AsyncFlushInterval, "AsyncFlushInterval must be from 1 ms to 24 days.");
        }
        if ((CheckpointInterval < TimeSpan.Zero || CheckpointInterval.TotalMilliseconds > int.MaxValue) && CheckpointInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), CheckpointInterval, "CheckpointInterval must be from 0 to 24 days, or infinite.");
        }
    }

    /// <summary>The ring size actually used: <see cref="RingBytes"/> rounded up to a power of two.</summary>
    internal int RingCapacity => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)RingBytes);
}
