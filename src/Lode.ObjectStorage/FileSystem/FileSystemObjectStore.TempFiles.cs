using System.Buffers;

namespace Lode.ObjectStorage;

/// <summary>Temp files: writing and fsyncing a put's content, and removing what failed or crashed writers left.</summary>
public sealed partial class FileSystemObjectStore
{
    private const int CopyBufferBytes = 256 * 1024;

    /// <summary>Writes <paramref name="content"/> to a new, uniquely named, fsynced temp file and returns its path.</summary>
    /// <remarks>Errors of <paramref name="content"/> itself pass through unchanged; in every failure the temp file is removed.</remarks>
    private async Task<string> WriteTempFileAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        string temp = Path.Join(_tempDirectory, Guid.NewGuid().ToString("N") + ".tmp");
        FileStream file;
        try
        {
            Directory.CreateDirectory(_tempDirectory);
            file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "create a temp file for", key, temp);
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            await using (file)
            {
                int n;
                while ((n = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await WriteOrMapAsync(file, buffer.AsMemory(0, n), key, temp, cancellationToken);
                }
                FlushOrMap(file, key, temp);
            }
            return temp;
        }
        catch
        {
            TryDeleteFile(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WriteOrMapAsync(FileStream file, ReadOnlyMemory<byte> bytes, string key, string temp,
        CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(bytes, cancellationToken);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "write a temp file for", key, temp);
        }
    }

    private static void FlushOrMap(FileStream file, string key, string temp)
    {
        try
        {
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "fsync a temp file for", key, temp);
        }
    }

    /// <summary>Removes temp files older than <paramref name="age"/>, left by writers that crashed; skips any it cannot remove.</summary>
    private void RemoveStaleTempFiles(TimeSpan age)
    {
        DateTime cutoff = DateTime.UtcNow - age;
        try
        {
            foreach (var file in new DirectoryInfo(_tempDirectory).EnumerateFiles())
            {
                if (file.LastWriteTimeUtc < cutoff)
                {
                    TryDeleteFile(file.FullName);
                }
            }
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            // No temp directory yet, or it cannot be read: there is nothing this store can clean.
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            // Best effort: a temp file that cannot be removed now is removed as stale by a later open.
        }
    }
}
