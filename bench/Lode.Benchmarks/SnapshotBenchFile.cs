using Lode.IO;
using Lode.Snapshots;

namespace Lode.Benchmarks;

/// <summary>A snapshot of the first bytes of /usr/include written to a temp file, with a reader over it.</summary>
public sealed class SnapshotBenchFile : IDisposable
{
    private readonly string _directory;
    private readonly FileByteSource _source;

    private SnapshotBenchFile(string directory, FileByteSource source, long length)
    {
        _directory = directory;
        _source = source;
        Length = length;
    }

    /// <summary>The logical length of the "data" stream in bytes.</summary>
    public long Length { get; }

    /// <summary>Writes <paramref name="bytes"/> of /usr/include text as a snapshot with <paramref name="options"/>.</summary>
    public static SnapshotBenchFile Create(int bytes, SnapshotWriterOptions options)
    {
        string directory = Directory.CreateTempSubdirectory("lode-bench-").FullName;
        string path = Path.Combine(directory, "snapshot");
        var text = Corpus.UsrIncludeText(bytes);
        using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
        using (var writer = SnapshotWriter.Create(output, options))
        {
            writer.Append("data", text);
            writer.Finish();
        }
        return new SnapshotBenchFile(directory, FileByteSource.Open(path), text.Length);
    }

    /// <summary>A reader over the file (the caller disposes it; the file keeps the source).</summary>
    public SnapshotReader Open(SnapshotReaderOptions options) => SnapshotReader.Open(_source, options);

    /// <summary>Closes and deletes the file.</summary>
    public void Dispose()
    {
        _source.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
