using Lode.Snapshots;

namespace Lode;

/// <summary>
/// Unchanged files: a regular file whose size, modification time, change time, inode and device equal those recorded
/// by the previous snapshot of the same source is not read again (as restic does). The change time is what catches a
/// file rewritten with its old size and modification time put back (<c>touch -r</c>): nothing can set it back. A
/// previous snapshot that recorded no change time (file table format 1) has every file read again. Its bytes are taken from the previous
/// snapshot by reference (<see cref="SnapshotWriter.AppendFrom"/>: whole chunks become parent blocks, nothing is
/// decompressed for a file that starts a chunk) and its SHA-256 is copied. Its text stays in the previous index's
/// shard, which the index writer carries over (<see cref="SearchIndexWriter.TryReuse"/>); only when the previous
/// snapshot has no index of the current format is the text fed again, from the previous snapshot's blocks, never from disk.
/// </summary>
internal sealed partial class Snapshotter
{
    private readonly SnapshotView? _previous;

    /// <summary>Regular files taken from the previous snapshot without reading them.</summary>
    public long UnchangedFiles { get; private set; }

    private FileEntry? TakeUnchanged(WalkedEntry walked, SnapshotWriter writer, SearchIndexWriter? index)
    {
        var status = walked.Status;
        if (_previous is null || !_previous.Files.TryGet(walked.RelativePath, out var old) || old.Kind != FileKind.File
            || old.Inode == 0 || old.Inode != status.Inode || old.Device != status.Device
            || old.Size != status.Size || old.ModifiedTimeNs != status.ModifiedTimeNs || old.ChangedTimeNs != status.ChangedTimeNs)
        {
            return null;
        }
        bool large = old.Size >= LargeFile;
        if (large)
        {
            writer.EndBlock(SnapshotStreams.Data);
        }
        long offset = writer.GetLength(SnapshotStreams.Data);
        writer.AppendFrom(SnapshotStreams.Data, _previous.Reader, SnapshotStreams.Data, old.DataOffset, old.Size);
        if (large)
        {
            writer.EndBlock(SnapshotStreams.Data);
        }
        // With a previous index, contents it lacks are not text; without one, the stored bytes tell.
        if (index is not null && !index.TryReuse(old.Sha256.Span) && _previous.QueryIndex is null && old.Size <= SearchIndexWriter.MaxIndexedFileSize)
        {
            index.AddStoredFile(_previous, old, _buffer);
        }
        UnchangedFiles++;
        _files++;
        ReportProgress(walked.RelativePath);
        return Describe(walked, FileKind.File, old.Size, offset, old.Sha256);
    }
}
