using Lode;

namespace Lode.Benchmarks.SnapshotRead;

/// <summary>
/// The regular, non-empty files of a snapshot and the random 4 KiB reads to make in them: each read picks a byte of
/// the whole tree uniformly (so files are weighted by size) and reads the 4 KiB from there, moved back to fit its file.
/// </summary>
internal sealed class ReadSample
{
    public const int ReadBytes = 4096;

    private ReadSample(FileEntry[] files, (int File, long Offset)[] reads)
    {
        Files = files;
        Reads = reads;
    }

    /// <summary>The regular files with at least one byte, in file-table order.</summary>
    public FileEntry[] Files { get; }

    /// <summary>The reads: an index into <see cref="Files"/> and a byte offset in that file.</summary>
    public (int File, long Offset)[] Reads { get; }

    /// <summary>The bytes of all <see cref="Files"/>.</summary>
    public long TotalBytes => Files.Sum(f => f.Size);

    /// <summary>Draws <paramref name="count"/> reads with a seeded generator, so both sides read the same places.</summary>
    public static ReadSample Draw(FileTable table, int count, int seed)
    {
        var files = table.Entries.Where(e => e.Kind == FileKind.File && e.Size > 0).ToArray();
        if (files.Length == 0)
        {
            throw new InvalidOperationException("The snapshot holds no non-empty regular file to read.");
        }
        var ends = new long[files.Length];
        long total = 0;
        for (int i = 0; i < files.Length; i++)
        {
            total += files[i].Size;
            ends[i] = total;
        }
        var random = new Random(seed);
        var reads = new (int, long)[count];
        for (int r = 0; r < count; r++)
        {
            long at = random.NextInt64(total);
            int file = Array.BinarySearch(ends, at + 1);
            file = file >= 0 ? file : ~file;
            long start = ends[file] - files[file].Size;
            reads[r] = (file, Math.Max(0, Math.Min(at - start, files[file].Size - ReadBytes)));
        }
        return new ReadSample(files, reads);
    }
}
