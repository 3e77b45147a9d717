namespace Lode;

/// <summary>What <see cref="Repository.CreateSnapshot"/> did.</summary>
/// <param name="Manifest">The new snapshot's manifest.</param>
/// <param name="BytesRead">Bytes read from the tree (unchanged files are not read).</param>
/// <param name="BytesStored">Bytes this snapshot added to the repository: its container, which holds only chunks no
/// earlier snapshot stores, and the file table; and its search index's container (shards carried from the previous
/// snapshot's index by reference).</param>
/// <param name="IndexBytes">Bytes the search index's container added to the repository (0 without an index).</param>
/// <param name="IndexedTextBytes">Bytes of text whose FM-indexes this snapshot built: new and changed text, and live text re-indexed from dropped shards (0 when every shard was carried over).</param>
/// <param name="Warnings">Entries that could not be read and were skipped.</param>
/// <param name="Elapsed">Wall time, until the search index was stored.</param>
public sealed record SnapshotResult(SnapshotManifest Manifest, long BytesRead, long BytesStored, long IndexBytes,
    long IndexedTextBytes, int Warnings, TimeSpan Elapsed)
{
    /// <summary>Wall time until the snapshot's data and manifest were stored (durable and visible; searches scan it
    /// until its index is stored).</summary>
    public TimeSpan DurableElapsed { get; init; }

    /// <summary>Search index shards carried over from the previous snapshot by reference.</summary>
    public int CarriedIndexShards { get; init; }

    /// <summary>Search index shards in this snapshot's index (carried and built).</summary>
    public int IndexShards { get; init; }
}
