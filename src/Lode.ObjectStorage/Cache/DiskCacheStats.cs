namespace Lode.ObjectStorage;

/// <summary>
/// A snapshot of a <see cref="DiskCache"/>'s state and counters. Sizes are bytes of entry files on disk (object
/// bytes plus a small trailer each). Counters start at 0 when the cache is opened; entries and bytes include what
/// was recovered from the directory.
/// </summary>
/// <param name="Entries">Objects held in the cache.</param>
/// <param name="Bytes">Bytes counted against the budget: entry files, fills in flight, and files removed from the cache but still mapped by readers.</param>
/// <param name="BudgetBytes">The most bytes the cache keeps on disk.</param>
/// <param name="ColdFetches">Objects fetched from the store into the cache.</param>
/// <param name="Evictions">Entries removed to make room.</param>
/// <param name="Hits">Opens served by an entry already in the cache.</param>
/// <param name="RangeOnlyReads">Opens served by range requests only (asked for, larger than the budget, or no room).</param>
/// <param name="WarmInserts">Objects put into the cache by writers.</param>
/// <param name="IdleSweeps">Mappings whose resident pages were released.</param>
public sealed record DiskCacheStats(
    long Entries, long Bytes, long BudgetBytes, long ColdFetches, long Evictions, long Hits, long RangeOnlyReads,
    long WarmInserts, long IdleSweeps);
