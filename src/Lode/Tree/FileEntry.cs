namespace Lode;

/// <summary>One entry of a snapshot's file table: a file, a directory or a symbolic link. Immutable.</summary>
public sealed class FileEntry
{
    /// <summary>
    /// The path relative to the snapshot root, '/'-separated, without a leading '/'; the root itself is "".
    /// </summary>
    public required string Path { get; init; }

    /// <summary>What the entry is.</summary>
    public required FileKind Kind { get; init; }

    /// <summary>The permission bits (including setuid, setgid and sticky), as in <c>st_mode &amp; 07777</c>.</summary>
    public required UnixFileMode Mode { get; init; }

    /// <summary>The modification time, with nanosecond precision (rounded to .NET's 100 ns ticks when read).</summary>
    public required long ModifiedTimeNs { get; init; }

    /// <summary>The file's length in bytes; 0 for directories and symbolic links.</summary>
    public long Size { get; init; }

    /// <summary>Where the file's bytes start in the snapshot's <c>data</c> stream (a logical offset, bytes).</summary>
    public long DataOffset { get; init; }

    /// <summary>The SHA-256 of the file's contents (32 bytes) for files; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Sha256 { get; init; }

    /// <summary>The target of a symbolic link, as stored on disk; null otherwise.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>The file's inode number when it was snapshotted; 0 when unknown (file tables of format 1.0).
    /// With <see cref="Device"/>, size and modification time it tells the next snapshot the file is unchanged.</summary>
    public ulong Inode { get; init; }

    /// <summary>The device number (major &lt;&lt; 32 | minor) of the file's file system; 0 when unknown.</summary>
    public ulong Device { get; init; }

    /// <summary>The status change time (<c>st_ctime</c>) in nanoseconds; 0 when unknown (file tables of format 1).
    /// Nothing can set it back, so it tells the next snapshot when a file was rewritten and its mtime restored.</summary>
    public long ChangedTimeNs { get; init; }

    /// <summary>Who owned the entry; null when unknown (file tables of format 1).</summary>
    public FileOwner? Owner { get; init; }

    /// <summary>The last path component ("" for the root).</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The modification time as a <see cref="DateTimeOffset"/> in UTC.</summary>
    public DateTimeOffset ModifiedTime => DateTimeOffset.UnixEpoch.AddTicks(ModifiedTimeNs / 100);
}
