using Lode.Snapshots;

namespace Lode;

public sealed partial class SnapshotView
{
    /// <summary>
    /// Checks the snapshot's structure: every file's data range lies inside the data stream, every text blob
    /// exists in the search index, and the index's tables pass their checks. With <paramref name="readData"/>,
    /// also reads every block of the container (CRC32C and SHA-256, which covers the search index stored in it) and
    /// every file (SHA-256); a separate index object of a v0 snapshot is read and checked against its CRC32Cs, and an
    /// index stored by <c>lode index build</c> is opened (tables) and, with <paramref name="readData"/>, read whole.
    /// </summary>
    /// <param name="readData">Also read and check all stored bytes.</param>
    /// <param name="progress">Receives stored bytes checked so far, or null.</param>
    /// <exception cref="CorruptDataException">The first damage found.</exception>
    public void Check(bool readData, IProgress<long>? progress = null)
    {
        long dataLength = _reader.GetLength(SnapshotStreams.Data);
        var index = Index;
        foreach (var entry in Files.Entries)
        {
            if (entry.Kind == FileKind.File && (entry.DataOffset > dataLength - entry.Size || entry.Sha256.Length != 32))
            {
                throw new CorruptDataException($"{Manifest.DataKey} is corrupt: '{entry.Path}' lies outside the data stream.");
            }
            if (entry.TextBlob >= index.BlobCount)
            {
                throw new CorruptDataException($"{Manifest.DataKey} is corrupt: '{entry.Path}' names a missing text blob.");
            }
        }
        _ = QueryIndex; // A rebuilt index's tables are checked as it opens.
        if (!readData)
        {
            return;
        }
        try
        {
            _reader.Verify(progress);
        }
        catch (SnapshotException e)
        {
            throw new CorruptDataException($"{Manifest.DataKey} is corrupt: {e.Message}", e);
        }
        foreach (var entry in Files.Entries.Where(e => e.Kind == FileKind.File))
        {
            CopyVerified(entry, Stream.Null);
        }
        if (Manifest.IndexKey is not null)
        {
            // A v0 index lives outside the container, so the container's Verify did not cover it.
            index.Verify();
        }
        CheckRebuiltIndex(readData, progress);
    }
}
