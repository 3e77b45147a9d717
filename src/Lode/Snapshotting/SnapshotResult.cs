namespace Lode;

/// <summary>What <see cref="Repository.CreateSnapshot"/> did.</summary>
/// <param name="Manifest">The new snapshot's manifest.</param>
/// <param name="BytesRead">Bytes read from the tree (unchanged files are not read).</param>
/// <param name="BytesStored">Bytes this snapshot added to the repository: its container, which holds only chunks no
/// earlier snapshot stores, the file table and the search index (by reference when it is unchanged).</param>
/// <param name="IndexBytes">Logical size of the search index (its stream in the container).</param>
/// <param name="IndexedTextBytes">Bytes of unique text indexed by this snapshot (0 when the previous index was reused).</param>
/// <param name="Warnings">Entries that could not be read and were skipped.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record SnapshotResult(SnapshotManifest Manifest, long BytesRead, long BytesStored, long IndexBytes,
    long IndexedTextBytes, int Warnings, TimeSpan Elapsed);
