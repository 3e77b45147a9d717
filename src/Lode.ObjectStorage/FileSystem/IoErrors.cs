namespace Lode.ObjectStorage;

/// <summary>
/// Turns the exceptions of .NET file I/O into the store's typed errors. On Unix, .NET puts the raw
/// <c>errno</c> in <see cref="Exception.HResult"/> of a plain <see cref="IOException"/>; permission errors
/// arrive as <see cref="UnauthorizedAccessException"/> and missing paths as
/// <see cref="FileNotFoundException"/> / <see cref="DirectoryNotFoundException"/>.
/// </summary>
internal static class IoErrors
{
    /// <summary>ENOTDIR: a component of the path is a file, not a directory.</summary>
    public const int ENOTDIR = 20;

    private const int EAGAIN = 11;
    private const int EBUSY = 16;
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int ETIMEDOUT = 110;
    private const int EDQUOT = 122;

    /// <summary>Whether <paramref name="error"/> is a failure of the filesystem that <see cref="Map"/> translates.</summary>
    public static bool IsIo(Exception error) => error is IOException or UnauthorizedAccessException;

    /// <summary>Whether <paramref name="error"/> says a file or one of its parent directories does not exist.</summary>
    public static bool IsNotFound(Exception error) => error is FileNotFoundException or DirectoryNotFoundException;

    /// <summary>
    /// The typed error for a filesystem failure while doing <paramref name="action"/> (e.g. "write") on
    /// object <paramref name="key"/> at <paramref name="path"/>: <see cref="ObjectStoreTransientException"/>
    /// for EAGAIN, EBUSY and ETIMEDOUT, <see cref="ObjectStorePermanentException"/> for everything else.
    /// Not-found errors are the caller's to handle, as only it knows whether absence is an error.
    /// </summary>
    public static ObjectStoreException Map(Exception error, string action, string? key, string path)
    {
        string what = key is null ? $"Cannot {action} {path}" : $"Cannot {action} object {ObjectKey.Describe(key)} at {path}";
        if (error is UnauthorizedAccessException)
        {
            return new ObjectStorePermanentException(
                $"{what}: permission denied. Check the owner and mode of the store directory and its files. ({error.Message})",
                key, error);
        }
        string hint = error.HResult switch
        {
            ENOSPC => "the disk is full; free space and retry",
            EDQUOT => "the disk quota is exhausted; free space or raise the quota and retry",
            EROFS => "the filesystem is read-only; remount it read-write or use another store directory",
            EAGAIN or EBUSY or ETIMEDOUT => "the filesystem is busy; retry",
            _ => "check the disk and the store directory",
        };
        string message = $"{what}: {hint}. ({error.Message})";
        return error.HResult is EAGAIN or EBUSY or ETIMEDOUT
            ? new ObjectStoreTransientException(message, key, error)
            : new ObjectStorePermanentException(message, key, error);
    }
}
