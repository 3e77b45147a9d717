using System.Runtime.InteropServices;

namespace Lode.IO;

/// <summary>Changes who owns a path, with <c>lchown(2)</c>: a symbolic link itself, never what it points to.</summary>
public static class FileOwnership
{
    /// <summary>Makes user <paramref name="userId"/> and group <paramref name="groupId"/> own <paramref name="path"/>
    /// (not following a final symbolic link). Only root may give a file away; the kernel then clears the setuid and
    /// setgid bits of a regular file, so set the mode after the owner.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The caller may not make that change (not root, or a file system
    /// without owners).</exception>
    /// <exception cref="IOException">Any other failure, with the errno text.</exception>
    public static void Set(string path, uint userId, uint groupId)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (NativeMethods.Lchown(path, userId, groupId) != 0)
        {
            throw OsErrors.ForPath(path, Marshal.GetLastPInvokeError());
        }
    }
}
