using Lode.IO;
using Lode.Snapshots;

namespace Lode;

/// <summary>
/// Unchanged files: a regular file whose size, modification time, inode and device equal those recorded by the
/// previous snapshot of the same source is not read again (as restic does). Its bytes are taken from the previous
/// snapshot by reference (<see cref="SnapshotWriter.AppendFrom"/>: whole chunks become parent blocks, nothing is
/// decompressed for a file that starts a chunk) and its SHA-256 is copied. While every file so far is unchanged the
/// search index is not fed; if the walk ends that way the previous snapshot's index is reused whole. The first
/// changed file makes the index "live": the unchanged text files seen so far are fed from the previous snapshot's
/// blocks (decompressed, never read from disk) and every later file as it comes.
/// </summary>
internal sealed partial class Snapshotter
{
    private readonly SnapshotView? _previous;
    private readonly List<(int EntryIndex, FileEntry Previous)> _deferredText = [];
    private bool _indexLive;

    /// <summary>Regular files taken from the previous snapshot without reading them.</summary>
    public long UnchangedFiles { get; private set; }

    /// <summary>Whether every indexed file was unchanged, so the previous snapshot's index serves this one too.</summary>
    public bool ReusesPreviousIndex => !_indexLive;

    private FileEntry? TakeUnchanged(WalkedEntry walked, SnapshotWriter writer, SearchIndexWriter index, int entryIndex)
    {
        var status = walked.Status;
        if (_previous is null || !_previous.Files.TryGet(walked.RelativePath, out var old) || old.Kind != FileKind.File
            || old.Inode == 0 || old.Inode != status.Inode || old.Device != status.Device
            || old.Size != status.Size || old.ModifiedTimeNs != status.ModifiedTimeNs)
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
        int textBlob = old.TextBlob;
        if (textBlob >= 0 && _indexLive)
        {
            textBlob = IndexFromPrevious(old, index);
        }
        else if (textBlob >= 0)
        {
            _deferredText.Add((entryIndex, old));
        }
        UnchangedFiles++;
        _files++;
        ReportProgress(walked.RelativePath);
        return Copy(old, status.Mode, offset, textBlob);
    }

    /// <summary>Reads a new or changed file; the first one makes the index live.</summary>
    private FileEntry? ReadChanged(WalkedEntry walked, SnapshotWriter writer, SearchIndexWriter index, List<FileEntry> entries)
    {
        if (!_indexLive)
        {
            _indexLive = true;
            foreach (var (entryIndex, old) in _deferredText)
            {
                entries[entryIndex] = Copy(entries[entryIndex], entries[entryIndex].Mode, entries[entryIndex].DataOffset, IndexFromPrevious(old, index));
            }
            _deferredText.Clear();
        }
        return ReadFile(walked, writer, index);
    }

    /// <summary>Feeds an unchanged file's text to the index from the previous snapshot; returns its text blob.</summary>
    private int IndexFromPrevious(FileEntry old, SearchIndexWriter index)
    {
        index.BeginFile(old.Size);
        for (long position = 0; position < old.Size;)
        {
            int n = _previous!.ReadFile(old, position, _buffer);
            index.Append(_buffer.AsSpan(0, n));
            position += n;
        }
        return index.EndFile(old.Sha256.Span);
    }

    private static FileEntry Copy(FileEntry old, UnixFileMode mode, long dataOffset, int textBlob) => new()
    {
        Path = old.Path,
        Kind = old.Kind,
        Mode = mode,
        ModifiedTimeNs = old.ModifiedTimeNs,
        Size = old.Size,
        DataOffset = dataOffset,
        Sha256 = old.Sha256,
        Inode = old.Inode,
        Device = old.Device,
        TextBlob = textBlob,
    };
}
