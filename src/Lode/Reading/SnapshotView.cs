using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Lode.IO;
using Lode.Snapshots;

namespace Lode;

/// <summary>
/// An opened snapshot: its file table, file contents and search index. Thread-safe for concurrent reads.
/// Dispose it to release the objects it holds open.
/// </summary>
public sealed partial class SnapshotView : IDisposable
{
    private readonly Repository _repository;
    private readonly SnapshotReader _reader;

    private readonly Lazy<FileTable> _files;

    internal SnapshotView(Repository repository, SnapshotManifest manifest, SnapshotReader reader)
    {
        _repository = repository;
        Manifest = manifest;
        _reader = reader;
        _files = new Lazy<FileTable>(ReadFileTable, LazyThreadSafetyMode.ExecutionAndPublication);
        _index = new Lazy<StoredIndex?>(OpenIndex, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The snapshot's manifest.</summary>
    public SnapshotManifest Manifest { get; }

    /// <summary>The snapshot's file table, read on first use (a search that finds nothing in the index never reads it).</summary>
    /// <exception cref="CorruptDataException">The file table is damaged.</exception>
    public FileTable Files => _files.Value;

    private FileTable ReadFileTable()
    {
        try
        {
            long metaLength = _reader.GetLength(SnapshotStreams.Meta);
            if (metaLength > Array.MaxLength)
            {
                throw new CorruptDataException($"{Manifest.DataKey} is corrupt: its file table claims {metaLength} bytes.");
            }
            var meta = new byte[metaLength];
            if (_reader.ReadAt(SnapshotStreams.Meta, 0, meta) != meta.Length)
            {
                throw new CorruptDataException($"{Manifest.DataKey} is corrupt: its file table is cut short.");
            }
            return FileTable.Deserialize(meta, Manifest.DataKey);
        }
        catch (SnapshotException e)
        {
            throw new CorruptDataException($"{Manifest.DataKey} is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Finds an entry by a user-given path (leading '/' optional).</summary>
    /// <exception cref="LodeException">No such path in the snapshot.</exception>
    public FileEntry GetEntry(string path)
    {
        string normalized = SnapshotPath.Normalize(path);
        return Files.TryGet(normalized, out var entry)
            ? entry
            : throw new LodeException($"No '{normalized}' in snapshot {Manifest.ShortId}.");
    }

    /// <summary>
    /// Reads bytes of a regular file: up to <c>buffer.Length</c> bytes at <paramref name="offset"/> of the file.
    /// </summary>
    /// <returns>The bytes read: fewer only at the end of the file, 0 at or beyond it.</returns>
    /// <exception cref="CorruptDataException">The stored bytes are damaged; nothing wrong is returned.</exception>
    public int ReadFile(FileEntry file, long offset, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        RequireFile(file);
        if (offset >= file.Size)
        {
            return 0;
        }
        int length = (int)Math.Min(buffer.Length, file.Size - offset);
        int n;
        try
        {
            n = _reader.ReadAt(SnapshotStreams.Data, file.DataOffset + offset, buffer[..length]);
        }
        catch (SnapshotException e)
        {
            throw new CorruptDataException($"{Manifest.DataKey} is corrupt, reading '{file.Path}': {e.Message}", e);
        }
        if (n != length)
        {
            throw new CorruptDataException($"{Manifest.DataKey} is corrupt: the data stream ends inside '{file.Path}'.");
        }
        return n;
    }

    /// <summary>
    /// Copies <paramref name="length"/> bytes (or to the end) of a file from <paramref name="offset"/> to
    /// <paramref name="destination"/>. Bytes are written only after the block holding them passed its check.
    /// </summary>
    /// <returns>The number of bytes copied.</returns>
    public long CopyFile(FileEntry file, long offset, long length, Stream destination) =>
        CopyFile(file, offset, length, destination, hash: null);

    /// <summary>Copies a whole file to <paramref name="destination"/> and checks it against its SHA-256.</summary>
    /// <exception cref="CorruptDataException">The file's bytes do not match its hash.</exception>
    internal void CopyVerified(FileEntry file, Stream destination)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        CopyFile(file, 0, file.Size, destination, hash);
        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(file.Sha256.Span))
        {
            throw new CorruptDataException($"{Manifest.DataKey} is corrupt: '{file.Path}' does not match its SHA-256.");
        }
    }

    private long CopyFile(FileEntry file, long offset, long length, Stream destination, IncrementalHash? hash)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(destination);
        RequireFile(file);
        long end = offset + Math.Min(length, Math.Max(0, file.Size - offset));
        // Large files are decompressed ahead on a background thread while this one hashes and writes.
        using var source = ReadAheadPolicy.Wrap(new FileContentStream(this, file, offset, end), end - offset);
        // Pooled: restore and check copy every file of a snapshot through here.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadAheadPolicy.ChunkSize);
        try
        {
            long done = 0;
            ReadOnlySpan<byte> chunk;
            while (!(chunk = ReadAheadPolicy.Next(source, buffer)).IsEmpty)
            {
                hash?.AppendData(chunk);
                destination.Write(chunk);
                done += chunk.Length;
            }
            return done;
        }
        catch (IOException e) when (e.InnerException is LodeException damage)
        {
            // The read-ahead thread's failure, unwrapped: callers see the same typed error as without read-ahead.
            ExceptionDispatchInfo.Throw(damage);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void RequireFile(FileEntry file)
    {
        if (file.Kind != FileKind.File)
        {
            string path = file.Path.Length == 0 ? "/" : file.Path;
            throw new LodeException($"'{path}' in snapshot {Manifest.ShortId} is a {file.Kind.ToString().ToLowerInvariant()}, not a file.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        if (_index.IsValueCreated)
        {
            _index.Value?.Dispose();
        }
    }

    /// <summary>The snapshot's container (for the next snapshot's unchanged files and index).</summary>
    internal SnapshotReader Reader => _reader;
}
