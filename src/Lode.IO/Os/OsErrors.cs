using System.Runtime.InteropServices;

namespace Lode.IO;

/// <summary>Turns the errno of a failed call on a path into the exception .NET's own file APIs would throw.</summary>
internal static class OsErrors
{
    /// <summary>ENOENT and ENOTDIR: <see cref="FileNotFoundException"/>; EPERM and EACCES:
    /// <see cref="UnauthorizedAccessException"/>; anything else: <see cref="IOException"/> with the errno. Each message
    /// names the path and the errno text.</summary>
    public static Exception ForPath(string path, int errno)
    {
        string reason = Marshal.GetPInvokeErrorMessage(errno);
        return errno switch
        {
            2 or 20 => new FileNotFoundException($"{path}: {reason}", path),
            1 or 13 => new UnauthorizedAccessException($"{path}: {reason}"),
            _ => new IOException($"{path}: {reason}", errno),
        };
    }
}
