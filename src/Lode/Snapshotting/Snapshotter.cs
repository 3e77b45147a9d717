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
    private long _files;
    private long _bytesRead;

    public Snapshotter(SnapshotOptions options, SnapshotView? previous)
    {
        _options = options;
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
        foreach (var walked in TreeWalker.Walk(root, _warn))
        {
            var status = walked.Status;
            switch (status.Kind)
            {
                case FileStatusKind.Directory:
                    entries.Add(new FileEntry { Path = walked.RelativePath, Kind = FileKind.Directory, Mode = status.Mode, ModifiedTimeNs = status.ModifiedTimeNs });
                    break;
                case FileStatusKind.Symlink:
                    var target = ReadLink(walked.FullPath);
                    if (target is not null)
                    {
                        entries.Add(new FileEntry { Path = walked.RelativePath, Kind = FileKind.Symlink, Mode = status.Mode, ModifiedTimeNs = status.ModifiedTimeNs, LinkTarget = target });
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
            return new FileEntry
            {
                Path = walked.RelativePath,
                Kind = FileKind.File,
                Mode = walked.Status.Mode,
                ModifiedTimeNs = walked.Status.ModifiedTimeNs,
                Inode = walked.Status.Inode,
                Device = walked.Status.Device,
                Size = size,
                DataOffset = offset,
                Sha256 = sha256,
            };
        }
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
