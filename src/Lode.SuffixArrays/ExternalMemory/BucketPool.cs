using Microsoft.Win32.SafeHandles;

namespace Lode.SuffixArrays;

/// <summary>
/// N temporary files shared by thousands of buckets. A flush reserves a disjoint extent of a file with one
/// atomic add on that file's cursor and writes it with a positional write, so concurrent writers never overlap
/// and never wait for each other.
/// </summary>
/// <remarks>
/// Each file is unlinked right after it is created, so nothing is left behind when the process ends, also by a
/// crash; disposing the pool closes the files and frees their space. Thread-safe.
/// </remarks>
internal sealed class BucketPool : IDisposable
{
    private readonly SafeFileHandle[] _files;
    private readonly long[] _cursors;

    /// <summary>Creates <paramref name="fileCount"/> temporary files in <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">A file could not be created (missing directory, no permission, disk full).</exception>
    public BucketPool(string directory, int fileCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fileCount, 1);
        _files = new SafeFileHandle[fileCount];
        _cursors = new long[fileCount];
        try
        {
            for (int f = 0; f < fileCount; f++)
            {
                string path = Path.Combine(directory, $"lode-sa-{Guid.NewGuid():N}.tmp");
                _files[f] = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                File.Delete(path);
            }
        }
        catch (Exception error) when (error is UnauthorizedAccessException or DirectoryNotFoundException)
        {
            Dispose();
            throw new IOException($"Cannot create temporary files for external-memory suffix sorting in '{directory}': {error.Message} Choose a writable working directory.", error);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The number of files.</summary>
    public int FileCount => _files.Length;

    /// <summary>Bytes written to all files so far.</summary>
    public long BytesWritten => _cursors.Sum();

    /// <summary>Writes <paramref name="data"/> to a fresh extent of file <c><paramref name="file"/> mod N</c>.</summary>
    /// <exception cref="IOException">The write failed (e.g. the disk is full).</exception>
    public Extent Write(int file, ReadOnlySpan<byte> data)
    {
        int index = file % _files.Length;
        long offset = Interlocked.Add(ref _cursors[index], data.Length) - data.Length;
        RandomAccess.Write(_files[index], data, offset);
        return new Extent(index, offset, data.Length);
    }

    /// <summary>Reads the whole of <paramref name="extent"/> (or a sub-range of one) into <paramref name="destination"/>.</summary>
    /// <exception cref="IOException">The read failed or came up short.</exception>
    public void Read(Extent extent, Span<byte> destination)
    {
        int done = 0;
        while (done < extent.Length)
        {
            int read = RandomAccess.Read(_files[extent.File], destination[done..extent.Length], extent.Offset + done);
            if (read <= 0)
            {
                throw new IOException($"Temporary file {extent.File} ended at {extent.Offset + done} inside an extent of {extent.Length} bytes; it was truncated behind the builder's back.");
            }
            done += read;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var file in _files)
        {
            file?.Dispose();
        }
    }

    /// <summary>A byte range of one pool file.</summary>
    /// <param name="File">The file index.</param>
    /// <param name="Offset">The first byte.</param>
    /// <param name="Length">The length in bytes.</param>
    public readonly record struct Extent(int File, long Offset, int Length);
}
