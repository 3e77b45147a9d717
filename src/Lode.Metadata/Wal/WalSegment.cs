using System.Buffers.Binary;
using System.Globalization;
using Lode.IO;
using Microsoft.Win32.SafeHandles;

namespace Lode.Metadata.Wal;

/// <summary>
/// A write-ahead log segment file, <c>wal-&lt;base LSN as 16 hex digits&gt;.log</c>: a 32-byte header, then records
/// back to back, the record at file offset <c>32 + (lsn - base)</c>. A checkpoint starts a new segment at its replay
/// position, so the log before it can be deleted whole ("truncated").
/// <code>
/// offset size field
///      0    8 magic "LODEWAL1"
///      8    8 base LSN: the logical address of the segment's first record
///     16    4 format version (1)
///     20    8 reserved, zero
///     28    4 CRC32C of bytes [0, 28)
/// </code>
/// </summary>
internal static class WalSegment
{
    /// <summary>Bytes before the first record.</summary>
    public const int HeaderSize = 32;

    private const ulong Magic = 0x314C415745444F4C; // "LODEWAL1"
    private const int FormatVersion = 1;

    /// <summary>The file name of the segment that starts at <paramref name="baseLsn"/>.</summary>
    public static string FileName(long baseLsn) => $"wal-{baseLsn:x16}.log";

    /// <summary>Reads a segment file name back into its base LSN; false for other names.</summary>
    public static bool TryParse(string fileName, out long baseLsn)
    {
        baseLsn = 0;
        return fileName.Length == 24 && fileName.StartsWith("wal-", StringComparison.Ordinal) && fileName.EndsWith(".log", StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(4, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out baseLsn) && baseLsn >= 0;
    }

    /// <summary>The segments in <paramref name="directory"/>, by base LSN.</summary>
    public static List<(long BaseLsn, string Path)> List(string directory)
    {
        var segments = new List<(long BaseLsn, string Path)>();
        foreach (string path in Directory.EnumerateFiles(directory, "wal-*.log"))
        {
            if (TryParse(Path.GetFileName(path), out long baseLsn))
            {
                segments.Add((baseLsn, path));
            }
        }
        segments.Sort((a, b) => a.BaseLsn.CompareTo(b.BaseLsn));
        return segments;
    }

    /// <summary>Creates a new empty segment starting at <paramref name="baseLsn"/>, its header fsynced, and returns it open for writing.</summary>
    public static SafeFileHandle Create(string directory, long baseLsn)
    {
        string path = Path.Combine(directory, FileName(baseLsn));
        SafeFileHandle handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            header.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(header, Magic);
            BinaryPrimitives.WriteInt64LittleEndian(header[8..], baseLsn);
            BinaryPrimitives.WriteInt32LittleEndian(header[16..], FormatVersion);
            BinaryPrimitives.WriteUInt32LittleEndian(header[28..], Crc32C.Compute(header[..28]));
            RandomAccess.Write(handle, header, 0);
            RandomAccess.FlushToDisk(handle);
            Posix.FsyncDirectory(directory);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="header"/> is a valid segment header for <paramref name="baseLsn"/>.</summary>
    public static bool IsValidHeader(ReadOnlySpan<byte> header, long baseLsn) =>
        header.Length >= HeaderSize
        && BinaryPrimitives.ReadUInt64LittleEndian(header) == Magic
        && BinaryPrimitives.ReadInt64LittleEndian(header[8..]) == baseLsn
        && BinaryPrimitives.ReadInt32LittleEndian(header[16..]) == FormatVersion
        && BinaryPrimitives.ReadUInt32LittleEndian(header[28..]) == Crc32C.Compute(header[..28]);
}
