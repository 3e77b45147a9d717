namespace Lode;

/// <summary>
/// The small record that makes a snapshot exist: written last, after the snapshot's container and search
/// index are stored, under <c>snapshots/&lt;id&gt;</c>. Its fields are described in docs/format.md. Immutable.
/// </summary>
public sealed record SnapshotManifest
{
    /// <summary>The snapshot id: 32 lowercase hex digits (128 random bits).</summary>
    public required string Id { get; init; }

    /// <summary>When the snapshot was started (UTC).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The absolute path of the snapshotted directory.</summary>
    public required string Source { get; init; }

    /// <summary>The host that took the snapshot.</summary>
    public required string Host { get; init; }

    /// <summary>The user's tag, or null.</summary>
    public string? Tag { get; init; }

    /// <summary>Regular files in the snapshot.</summary>
    public required long Files { get; init; }

    /// <summary>Directories in the snapshot, the root included.</summary>
    public required long Directories { get; init; }

    /// <summary>Symbolic links in the snapshot.</summary>
    public required long Symlinks { get; init; }

    /// <summary>The total length of the regular files, in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The object key of the snapshot container (file contents and the file table).</summary>
    public required string DataKey { get; init; }

    /// <summary>The container's length in bytes.</summary>
    public required long DataLength { get; init; }

    /// <summary>The container's integrity root (lowercase hex SHA-256 over its index page hashes).</summary>
    public required string DataRoot { get; init; }

    /// <summary>The object key of a separate search index (snapshots written by Lode v0); null when the index is the
    /// container's <c>index</c> stream.</summary>
    public string? IndexKey { get; init; }

    /// <summary>The search index's length in bytes (in its object, or in the container's <c>index</c> stream).</summary>
    public required long IndexLength { get; init; }

    /// <summary>Regular files taken unchanged from the previous snapshot of the same source without reading them.</summary>
    public long UnchangedFiles { get; init; }

    /// <summary>The Lode version that wrote the snapshot.</summary>
    public required string WriterVersion { get; init; }

    /// <summary>The short form of <see cref="Id"/> shown to people: its first 8 digits.</summary>
    public string ShortId => Id[..8];
}
