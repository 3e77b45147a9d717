using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lode.IO;

/// <summary>
/// What <c>lstat</c> says of a path, read with Linux's <c>statx(2)</c> (whose layout is the same on every
/// architecture) so that no special file is ever opened by mistake: a FIFO opened for reading blocks forever.
/// </summary>
/// <param name="Kind">The entry's type.</param>
/// <param name="Mode">The permission bits, <c>st_mode &amp; 07777</c>.</param>
/// <param name="Size">The length in bytes.</param>
/// <param name="ModifiedTimeNs">The modification time in nanoseconds since the Unix epoch.</param>
/// <param name="Inode">The inode number.</param>
/// <param name="Device">The device number (major &lt;&lt; 32 | minor).</param>
public readonly record struct FileStatus(FileStatusKind Kind, UnixFileMode Mode, long Size, long ModifiedTimeNs, ulong Inode, ulong Device)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;
    private const int StatxSize = 256;

    /// <summary>Reads the status of <paramref name="path"/> without following a final symbolic link.</summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    /// <exception cref="IOException">Any other failure, with the errno text.</exception>
    public static FileStatus Get(string path)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        if (NativeMethods.Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string reason = Marshal.GetPInvokeErrorMessage(errno);
            throw errno switch
            {
                2 or 20 => new FileNotFoundException($"{path}: {reason}", path),
                1 or 13 => new UnauthorizedAccessException($"{path}: {reason}"),
                _ => new IOException($"{path}: {reason}", errno),
            };
        }
        uint mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileStatusKind.Regular,
            0x4000 => FileStatusKind.Directory,
            0xA000 => FileStatusKind.Symlink,
            _ => FileStatusKind.Special,
        };
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer[112..]);
        uint nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer[120..]);
        ulong device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]);
        return new FileStatus(kind, (UnixFileMode)(mode & 0xFFF), BinaryPrimitives.ReadInt64LittleEndian(buffer[40..]),
            seconds * 1_000_000_000 + nanoseconds, BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]), device);
    }
}
