using Lode.IO;
using Microsoft.Win32.SafeHandles;

namespace Lode.ObjectStorage;

/// <summary>
/// An <see cref="IObjectStore"/> in a local directory, the embedded default: object <c>k</c> is the file
/// <c>RootDirectory/k</c>, and the key's <c>'/'</c> segments are subdirectories.
/// </summary>
/// <remarks>
/// <para>A put writes a uniquely named temp file under <c>RootDirectory/.tmp/</c>, fsyncs it, renames (or, for
/// <see cref="PutIfAbsentAsync"/>, hard-links) it into place and fsyncs the parent directory, so a put is atomic
/// and durable once it returns. Temp files older than an hour, left by crashed writers, are removed when a store
/// is opened. The first key segment <c>.tmp</c> is therefore reserved, and a key cannot be both an object and a
/// directory: with object <c>a</c>, a put of <c>a/b</c> fails (and vice versa).</para>
/// <para>Keys are validated before any filesystem call, and the full path is checked to be under the root, so no
/// key escapes it. Symbolic links inside the root are not followed by listings; the directory's contents are
/// trusted otherwise.</para>
/// <para>Thread-safe; several stores (and processes) may share one directory. Unix only (uses <c>fsync</c> of
/// directories and <c>link(2)</c> from libc).</para>
/// </remarks>
public sealed partial class FileSystemObjectStore : IObjectStore
{
    private const string TempDirectoryName = ".tmp";

    private readonly string _rootWithSeparator;
    private readonly string _tempDirectory;
    private volatile bool _disposed;

    /// <summary>Opens the store in <paramref name="rootDirectory"/>, creating it when missing, and removes stale temp files.</summary>
    /// <exception cref="ArgumentException">The path is empty or malformed.</exception>
    /// <exception cref="ObjectStorePermanentException">The directory cannot be created.</exception>
    public FileSystemObjectStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        RootDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        _rootWithSeparator = RootDirectory.EndsWith(Path.DirectorySeparatorChar)
            ? RootDirectory
            : RootDirectory + Path.DirectorySeparatorChar;
        _tempDirectory = Path.Join(RootDirectory, TempDirectoryName);
        try
        {
            Directory.CreateDirectory(RootDirectory);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "create the store directory", null, RootDirectory);
        }
        RemoveStaleTempFiles(TimeSpan.FromHours(1));
    }

    /// <summary>The store's directory, as a full path without a trailing separator.</summary>
    public string RootDirectory { get; }

    /// <inheritdoc />
    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = Begin(key, cancellationToken);
        using var handle = TryOpenRead(key, path);
        if (handle is null)
        {
            return Task.FromResult<ObjectInfo?>(null);
        }
        try
        {
            var info = new ObjectInfo(key, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle));
            return Task.FromResult<ObjectInfo?>(info);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IoErrors.Map(e, "read the attributes of", key, path);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = Begin(key, cancellationToken);
        using var handle = OpenRead(key, path);
        long length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength)
        {
            throw new ObjectStorePermanentException(
                $"Object {ObjectKey.Describe(key)} at {path} is {length} bytes, too large for one array; read it with OpenReadAsync.",
                key, null);
        }
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        await ReadExactlyAsync(handle, bytes, 0, key, path, cancellationToken);
        return bytes;
    }

    /// <inheritdoc />
    public async Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        string path = Begin(key, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        using var handle = OpenRead(key, path);
        RangeCheck.ThrowIfOutside(key, offset, length, RandomAccess.GetLength(handle));
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        await ReadExactlyAsync(handle, bytes, offset, key, path, cancellationToken);
        return bytes;
    }

    /// <inheritdoc />
    /// <remarks>Returns a <see cref="FileByteSource"/> holding the object's file open: it keeps reading the version it opened.</remarks>
    public Task<IByteSource> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = Begin(key, cancellationToken);
        try
        {
            return Task.FromResult<IByteSource>(FileByteSource.Open(path));
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            throw IsAbsent(e, path) ? NotFound(key, path) : IoErrors.Map(e, "open", key, path);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = Begin(key, cancellationToken);
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            if (!IsAbsent(e, path))
            {
                throw IoErrors.Map(e, "delete", key, path);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Marks the store closed. Readers already opened keep working; nothing else is held.</summary>
    public void Dispose() => _disposed = true;

    /// <summary>Validates the key, checks the store is open and the call not cancelled, and returns the object's full path.</summary>
    private string Begin(string key, CancellationToken cancellationToken)
    {
        ObjectKey.Validate(key);
        if (IsReserved(key))
        {
            throw new ArgumentException(
                $"Invalid object key {ObjectKey.Describe(key)}: the first segment \"{TempDirectoryName}\" is reserved by the filesystem store for temp files.",
                nameof(key));
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        string path = Path.GetFullPath(Path.Join(RootDirectory, key));
        if (!path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Object key {ObjectKey.Describe(key)} resolves to {path}, outside the store directory {RootDirectory}.", nameof(key));
        }
        return path;
    }

    /// <summary>Whether the key lies in the temp directory, which no object may use.</summary>
    private static bool IsReserved(string key) =>
        key.StartsWith(TempDirectoryName, StringComparison.Ordinal)
        && (key.Length == TempDirectoryName.Length || key[TempDirectoryName.Length] == '/');

    private SafeFileHandle OpenRead(string key, string path) => TryOpenRead(key, path) ?? throw NotFound(key, path);

    /// <summary>Opens the object's file for reading, or returns <c>null</c> when there is no such object.</summary>
    private static SafeFileHandle? TryOpenRead(string key, string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            return IsAbsent(e, path) ? null : throw IoErrors.Map(e, "open", key, path);
        }
    }

    /// <summary>
    /// Whether a failure means "no such object": the path or a parent is missing, or the path is a directory
    /// (an inner node of longer keys), or a parent is a file (ENOTDIR: an object that is a prefix of the key).
    /// </summary>
    private static bool IsAbsent(Exception error, string path) =>
        IoErrors.IsNotFound(error) || error.HResult == IoErrors.ENOTDIR || Directory.Exists(path);

    private ObjectNotFoundException NotFound(string key, string path) =>
        new($"Object {ObjectKey.Describe(key)} does not exist in the filesystem store at {RootDirectory} (no file {path}).",
            key, null);

    private static async Task ReadExactlyAsync(SafeFileHandle handle, Memory<byte> buffer, long offset, string key,
        string path, CancellationToken cancellationToken)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n;
            try
            {
                n = await RandomAccess.ReadAsync(handle, buffer[done..], offset + done, cancellationToken);
            }
            catch (Exception e) when (IoErrors.IsIo(e))
            {
                throw IoErrors.Map(e, "read", key, path);
            }
            if (n == 0)
            {
                throw new ObjectStorePermanentException(
                    $"Object {ObjectKey.Describe(key)} at {path} ended at byte {offset + done}, before the {buffer.Length} bytes " +
                    "it had when opened: something outside the store truncated it. Restore the file or delete the object.",
                    key, null);
            }
            done += n;
        }
    }
}
