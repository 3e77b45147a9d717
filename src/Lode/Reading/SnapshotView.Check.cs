using Lode.Snapshots;

namespace Lode;

public sealed partial class SnapshotView
{
    /// <summary>
    /// Checks the snapshot's structure: every file's data range lies inside the data stream, and the search index's
    /// tables (if it has an index) pass their checks. With <paramref name="readData"/>, also reads every block of the
    /// container (CRC32C and SHA-256) and every file (SHA-256), and every block of the index's container and every
    /// section of its FM-indexes (CRC32C).
    /// </summary>
    /// <param name="readData">Also read and check all stored bytes.</param>
    /// <param name="progress">Receives stored bytes checked so far, or null.</param>
    /// <exception cref="CorruptDataException">The first damage found.</exception>
    public void Check(bool readData, IProgress<long>? progress = null)
    {
        long dataLength = _reader.GetLength(SnapshotStreams.Data);
        foreach (var entry in Files.Entries)
        {
            if (entry.Kind == FileKind.File && (entry.DataOffset > dataLength - entry.Size || entry.Sha256.Length != 32))
            {
                throw new CorruptDataException($"{Manifest.DataKey} is corrupt: '{entry.Path}' lies outside the data stream.");
            }
        }
        _ = QueryIndex; // The index's tables are checked as it opens.
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
        CheckIndex(readData, progress);
    }
}
