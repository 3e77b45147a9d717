namespace Lode.ObjectStorage;

/// <summary>The sizes and times of a <see cref="DiskCache"/>. Sizes are in bytes.</summary>
public sealed record DiskCacheOptions
{
    /// <summary>The most bytes of entry files the cache keeps on disk. Default 10 GiB.</summary>
    public long BudgetBytes { get; init; } = 10L << 30;

    /// <summary>
    /// The size of each range GET of a cold fetch. Default 8 MiB: large enough that a request's latency (20–50 ms
    /// to first byte on S3) is small next to its transfer, small enough that a 64 MiB object still spreads over
    /// all <see cref="Streams"/>.
    /// </summary>
    public int ChunkSize { get; init; } = 8 << 20;

    /// <summary>
    /// How many range GETs of one cold fetch run at once. Default 8: one S3 connection carries roughly
    /// 50–100 MB/s, so 8 fill a multi-gigabit link; a fetch holds at most <c>Streams × ChunkSize</c> bytes in memory.
    /// </summary>
    public int Streams { get; init; } = 8;

    /// <summary>
    /// A mapping not read for this long gives its resident pages back to the OS (<c>madvise(MADV_DONTNEED)</c>).
    /// Default 5 minutes; <see cref="Timeout.InfiniteTimeSpan"/> turns the periodic sweep off.
    /// </summary>
    public TimeSpan IdleThreshold { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When mapped, not yet swept entries add up to more than this, a sweep releases the least recently read
    /// first until they fit. Default 4 GiB.
    /// </summary>
    public long ResidentBudgetBytes { get; init; } = 4L << 30;

    /// <summary>The most bytes of open-time range hints a lazy open fetches and keeps in memory. Default 16 MiB.</summary>
    public int MaxHintBytes { get; init; } = 16 << 20;

    /// <summary>The clock of idle times and the periodic sweep; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the exception names it.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(BudgetBytes, nameof(BudgetBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkSize, 4096, nameof(ChunkSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Streams, 1, nameof(Streams));
        ArgumentOutOfRangeException.ThrowIfNegative(ResidentBudgetBytes, nameof(ResidentBudgetBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxHintBytes, nameof(MaxHintBytes));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (IdleThreshold != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleThreshold, TimeSpan.Zero, nameof(IdleThreshold));
        }
    }
}
