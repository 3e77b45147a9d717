using System.Runtime.InteropServices;

namespace Lode.ObjectStorage;

/// <summary>
/// The few POSIX calls .NET does not expose: <c>fsync</c> of a directory, <c>link(2)</c> and <c>renameat2(2)</c>.
/// Linux and other Unix systems only. Errors come back as <c>errno</c> values for the caller to map.
/// </summary>
internal static partial class Posix
{
    /// <summary>EINTR: interrupted system call.</summary>
    public const int EINTR = 4;

    /// <summary>EEXIST: the target of a link already exists.</summary>
    public const int EEXIST = 17;

    /// <summary>EINVAL: on <c>fsync</c>, the file (here: directory) does not support synchronisation.</summary>
    public const int EINVAL = 22;

    /// <summary>EOPNOTSUPP / ENOTSUP on Linux.</summary>
    public const int ENOTSUP = 95;

    private const string LibC = "libc";

    // O_RDONLY (0) | O_CLOEXEC (02000000 octal); the same values on x86-64 and arm64 Linux.
    private const int OpenReadOnlyCloseOnExec = 0x80000;

    /// <summary>
    /// Flushes a directory's entries (a rename or link into it) to stable storage: <c>open</c>, <c>fsync</c>,
    /// <c>close</c>. Returns 0 on success, otherwise the <c>errno</c> of the failing call.
    /// </summary>
    public static int FsyncDirectory(string path)
    {
        int fd = Open(path, OpenReadOnlyCloseOnExec);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }
        int error = 0;
        while (Fsync(fd) != 0)
        {
            error = Marshal.GetLastPInvokeError();
            if (error != EINTR)
            {
                break;
            }
            error = 0;
        }
        _ = Close(fd);
        return error;
    }

    /// <summary>
    /// Creates <paramref name="newPath"/> as a hard link to <paramref name="existingPath"/>, atomically failing
    /// with <see cref="EEXIST"/> when <paramref name="newPath"/> exists. Returns 0 or the <c>errno</c>.
    /// </summary>
    public static int Link(string existingPath, string newPath) =>
        LinkNative(existingPath, newPath) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>
    /// Renames <paramref name="oldPath"/> to <paramref name="newPath"/> unless <paramref name="newPath"/> exists
    /// (<c>renameat2</c> with <c>RENAME_NOREPLACE</c>, Linux 3.15+), atomically failing with <see cref="EEXIST"/>
    /// then. Returns 0 or the <c>errno</c>.
    /// </summary>
    public static int RenameNoReplace(string oldPath, string newPath) =>
        RenameAt2(AtCurrentDirectory, oldPath, AtCurrentDirectory, newPath, RenameNoReplaceFlag) == 0 ? 0 : Marshal.GetLastPInvokeError();

    private const int AtCurrentDirectory = -100;
    private const uint RenameNoReplaceFlag = 1;

    [LibraryImport(LibC, EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport(LibC, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkNative(string existingPath, string newPath);
}
