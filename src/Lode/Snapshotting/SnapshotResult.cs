namespace Lode;

/// <summary>What <see cref="Repository.CreateSnapshot"/> did.</summary>
/// <param name="Manifest">The new snapshot's manifest.</param>
/// <param name="BytesRead">Bytes read from the tree (unchanged files are not read).</param>
/// <param name="BytesStored">Bytes this snapshot added to the repository: its container, which holds only chunks no
/// earlier snapshot stores, the file table and the search index (by reference when it is unchanged).</param>
/// <param name="IndexBytes">Logical size of the search index (its stream in the container).</param>
/// <param name="IndexedTextBytes">Bytes of text whose suffix arrays this snapshot built: new and changed text, and live text re-indexed from dropped shards (0 when every shard was carried over).</param>
/// <param name="Warnings">Entries that could not be read and were skipped.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record SnapshotResult(SnapshotManifest Manifest, long BytesRead, long BytesStored, long IndexBytes,
    long IndexedTextBytes, int Warnings, TimeSpan Elapsed)
{
    /// <summary>Search index shards carried over from the previous snapshot by reference.</summary>
    public int CarriedIndexShards { get; init; }

    /// <summary>Search index shards in this snapshot's index (carried and built).</summary>
    public int IndexShards { get; init; }
}
