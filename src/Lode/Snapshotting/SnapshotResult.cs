namespace Lode;

/// <summary>What a finished snapshot took and stored.</summary>
/// <param name="Manifest">The new snapshot's manifest.</param>
/// <param name="BytesRead">File bytes read from the source tree.</param>
/// <param name="DataBytesStored">Bytes of the snapshot container (compressed contents and the file table).</param>
/// <param name="IndexBytesStored">Bytes of the search index.</param>
/// <param name="IndexedTextBytes">Unique text bytes in the search index.</param>
/// <param name="Warnings">Entries skipped with a warning.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record SnapshotResult(SnapshotManifest Manifest, long BytesRead, long DataBytesStored, long IndexBytesStored,
    long IndexedTextBytes, int Warnings, TimeSpan Elapsed)
{
    /// <summary>All bytes the snapshot added to the repository.</summary>
    public long BytesStored => DataBytesStored + IndexBytesStored;
}
