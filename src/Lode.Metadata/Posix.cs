using System.Runtime.InteropServices;

namespace Lode.Metadata;

/// <summary>The libc calls .NET does not expose that the store needs: fsync of a directory, so a created, renamed or deleted entry is durable.</summary>
internal static partial class Posix
{
    private const int ReadOnlyDirectoryFlags = 0x10000 | 0x80000; // O_RDONLY | O_DIRECTORY | O_CLOEXEC (Linux)
    private const int Interrupted = 4; // EINTR
    private const int NotSupported = 22; // EINVAL: the file system cannot sync directories; nothing more to do

    /// <summary>Flushes the entries of <paramref name="directory"/> to disk. Throws <see cref="IOException"/> with the errno on failure.</summary>
    public static void FsyncDirectory(string directory)
    {
        int fd = OpenNative(directory, ReadOnlyDirectoryFlags);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            int errno;
            do
            {
                errno = FsyncNative(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();
            }
            while (errno == Interrupted);
            if (errno != 0 && errno != NotSupported)
            {
                throw new IOException($"Cannot sync directory {directory} (errno {errno}).");
            }
        }
        finally
        {
            _ = CloseNative(fd);
        }
    }

    /// <summary>
    /// Flushes a file's data, and the metadata needed to read it back (its size), to disk: <c>fdatasync(2)</c>, which
    /// unlike <c>fsync</c> skips timestamps. Throws <see cref="IOException"/> with the errno on failure.
    /// </summary>
    public static void Fdatasync(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            int fd = (int)file.DangerousGetHandle();
            int errno;
            do
            {
                errno = FdatasyncNative(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();
            }
            while (errno == Interrupted);
            if (errno != 0)
            {
                throw new IOException($"fdatasync failed (errno {errno}).");
            }
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdatasyncNative(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncNative(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);
}
