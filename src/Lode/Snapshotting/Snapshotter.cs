using System.Diagnostics;
using System.Security.Cryptography;
using Lode.IO;
using Lode.Snapshots;

namespace Lode;

/// <summary>
/// Reads a tree once into a snapshot container (the <c>data</c> stream: file contents in walk order; the
/// <c>meta</c> stream is the file table it returns) and feeds text files to the search index builder, if there is one.
/// Files unchanged since the previous snapshot are taken from it (<c>Snapshotter.Unchanged.cs</c>). Not thread-safe.
/// </summary>
internal sealed partial class Snapshotter
{
    private const int ReadBufferSize = 1 << 20;
    private const int LargeFile = 64 << 10;

    private readonly SnapshotOptions _options;
    private readonly Action<string> _warn;
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(ReadBufferSize);
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private readonly OwnerNames _owners = new();
    private readonly WalkFilter _filter;
    private long _files;
    private long _bytesRead;

    public Snapshotter(SnapshotOptions options, SnapshotView? previous, WalkFilter filter)
    {
        _options = options;
        _filter = filter;
        _previous = previous;
        _warn = message =>
        {
            Warnings++;
            options.Warning?.Invoke(message);
        };
    }

    public int Warnings { get; private set; }

    public long BytesRead => _bytesRead;

    /// <summary>Regular files snapshotted so far.</summary>
    public long Files => _files;

    /// <summary>
    /// Snapshots <paramref name="root"/> into the data stream of <paramref name="writer"/>, feeding text to
    /// <paramref name="index"/> (null: no index); returns the file table.
    /// </summary>
    public FileTable Run(string root, SnapshotWriter writer, SearchIndexWriter? index)
    {
        var entries = new List<FileEntry>();
        foreach (var walked in TreeWalker.Walk(root, _filter, _warn))
        {
            var status = walked.Status;
            switch (status.Kind)
            {
                case FileStatusKind.Directory:
                    entries.Add(Describe(walked, FileKind.Directory));
                    break;
                case FileStatusKind.Symlink:
                    var target = ReadLink(walked.FullPath);
                    if (target is not null)
                    {
                        entries.Add(Describe(walked, FileKind.Symlink, linkTarget: target));
                    }
                    break;
                case FileStatusKind.Regular:
                    var file = TakeUnchanged(walked, writer, index) ?? ReadFile(walked, writer, index);
                    if (file is not null)
                    {
                        entries.Add(file);
                    }
                    break;
            }
        }
        return new FileTable(entries);
    }

    private string? ReadLink(string path)
    {
        try
        {
            string? target = new FileInfo(path).LinkTarget;
            if (!string.IsNullOrEmpty(target))
            {
                return target;
            }
            _warn($"skipped {path}: the symbolic link has no target");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warn($"skipped {path}: {e.Message}");
        }
        return null;
    }

    /// <summary>Reads a new or changed file into the data stream and the index.</summary>
    private FileEntry? ReadFile(WalkedEntry walked, SnapshotWriter writer, SearchIndexWriter? index)
    {
        Stream stream;
        try
        {
            stream = ReadAheadPolicy.OpenFile(walked.FullPath, walked.Status.Size);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warn($"skipped {walked.FullPath}: {e.Message}");
            return null;
        }
        using (stream)
        {
            bool large = walked.Status.Size >= LargeFile;
            if (large)
            {
                writer.EndBlock(SnapshotStreams.Data);
            }
            long offset = writer.GetLength(SnapshotStreams.Data);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            index?.BeginFile(walked.Status.Size);
            long size = 0;
            try
            {
                ReadOnlySpan<byte> chunk;
                while (!(chunk = ReadAheadPolicy.Next(stream, _buffer)).IsEmpty)
                {
                    writer.Append(SnapshotStreams.Data, chunk);
                    hash.AppendData(chunk);
                    index?.Append(chunk);
                    size += chunk.Length;
                    _bytesRead += chunk.Length;
                    ReportProgress(walked.RelativePath);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The bytes already appended stay in the data stream, referenced by no entry.
                index?.AbortFile();
                _warn($"skipped {walked.FullPath}: {e.Message}");
                return null;
            }
            if (large)
            {
                writer.EndBlock(SnapshotStreams.Data);
            }
            byte[] sha256 = hash.GetHashAndReset();
            index?.EndFile(sha256);
            _files++;
            ReportProgress(walked.RelativePath);
            WarnIfChanged(walked, size);
            return Describe(walked, FileKind.File, size, offset, sha256);
        }
    }

    /// <summary>
    /// Warns when the file changed while it was read: its size, modification or change time now differ from what
    /// the walk saw, or the bytes read differ from the size it saw. The snapshot keeps the bytes read (the entry
    /// records the status seen before reading, so the next snapshot reads the file again).
    /// </summary>
    private void WarnIfChanged(WalkedEntry walked, long bytesRead)
    {
        var before = walked.Status;
        string? change;
        try
        {
            var after = FileStatus.Get(walked.FullPath);
            change = after.Size != before.Size || bytesRead != before.Size ? $"its size went from {before.Size} to {after.Size} bytes"
                : after.ModifiedTimeNs != before.ModifiedTimeNs || after.ChangedTimeNs != before.ChangedTimeNs ? "it was written to"
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            change = $"it is gone ({e.Message})";
        }
        if (change is not null)
        {
            _warn($"{walked.FullPath} changed while it was read ({change}); the snapshot holds the {bytesRead} bytes read, which may mix old and new contents");
        }
    }

    /// <summary>The file table entry of <paramref name="walked"/>: its status as the walk saw it, and what was stored.</summary>
    private FileEntry Describe(WalkedEntry walked, FileKind kind, long size = 0, long dataOffset = 0, ReadOnlyMemory<byte> sha256 = default, string? linkTarget = null)
    {
        var status = walked.Status;
        bool file = kind == FileKind.File;
        return new FileEntry
        {
            Path = walked.RelativePath,
            Kind = kind,
            Mode = status.Mode,
            ModifiedTimeNs = status.ModifiedTimeNs,
            ChangedTimeNs = status.ChangedTimeNs,
            Owner = _owners.Of(status),
            Size = size,
            DataOffset = dataOffset,
            Sha256 = sha256,
            LinkTarget = linkTarget,
            Inode = file ? status.Inode : 0,
            Device = file ? status.Device : 0,
        };
    }

    private void ReportProgress(string path)
    {
        if (_options.Progress is not null && _sinceProgress.ElapsedMilliseconds >= 100)
        {
            _sinceProgress.Restart();
            _options.Progress.Report(new SnapshotProgress(_files, _bytesRead, path, "reading"));
        }
    }
}
