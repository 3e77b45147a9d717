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
    /// <summary>The status change time (<c>st_ctime</c>) in nanoseconds since the Unix epoch: it moves whenever the
    /// contents or the inode change, and no user call can set it back.</summary>
    public long ChangedTimeNs { get; init; }

    /// <summary>The owner's user id.</summary>
    public uint UserId { get; init; }

    /// <summary>The owner's group id.</summary>
    public uint GroupId { get; init; }

    /// <summary>The bytes of disk the file occupies (<c>st_blocks</c> × 512): less than its size when it has holes.</summary>
    public long AllocatedBytes { get; init; }

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
            throw OsErrors.ForPath(path, Marshal.GetLastPInvokeError());
        }
        uint mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileStatusKind.Regular,
            0x4000 => FileStatusKind.Directory,
            0xA000 => FileStatusKind.Symlink,
            _ => FileStatusKind.Special,
        };
        ulong device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]);
        return new FileStatus(kind, (UnixFileMode)(mode & 0xFFF), BinaryPrimitives.ReadInt64LittleEndian(buffer[40..]),
            Timestamp(buffer[112..]), BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]), device)
        {
            ChangedTimeNs = Timestamp(buffer[96..]),
            UserId = BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..]),
            GroupId = BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..]),
            AllocatedBytes = BinaryPrimitives.ReadInt64LittleEndian(buffer[48..]) * 512,
        };
    }

    /// <summary>A <c>struct statx_timestamp</c> (int64 seconds, uint32 nanoseconds) in nanoseconds since the epoch.</summary>
    private static long Timestamp(ReadOnlySpan<byte> field) =>
        BinaryPrimitives.ReadInt64LittleEndian(field) * 1_000_000_000 + BinaryPrimitives.ReadUInt32LittleEndian(field[8..]);
}
