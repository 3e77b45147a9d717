using Lode.IO;

namespace Lode.Snapshots;

/// <summary>The decoded, validated header of a snapshot file (see docs/format.md, "Snapshot container").</summary>
/// <param name="Version">The format version the file was written with.</param>
/// <param name="Codec">The default codec (each stream's own is in <see cref="Streams"/>).</param>
/// <param name="Level">The default zstd level the writer used (informational).</param>
/// <param name="Chunking">The default chunking parameters the writer used.</param>
/// <param name="CreatedAt">When the writer was created (microsecond precision, UTC).</param>
/// <param name="WriterVersion">The writing library and its version, e.g. "Lode.Snapshots 1.0.0".</param>
/// <param name="IntegrityRoot">The integrity root: SHA-256 over every index page's SHA-256 (and the descriptor's in
/// a 1.1 file that has one), 64 lowercase hex digits.</param>
/// <param name="Streams">The streams, in the order the writer first saw them (a parent block names its stream by
/// this position).</param>
public sealed record SnapshotHeader(
    SnapshotVersion Version,
    CompressionCodec Codec,
    int Level,
    ChunkingOptions Chunking,
    DateTimeOffset CreatedAt,
    string WriterVersion,
    string IntegrityRoot,
    IReadOnlyList<SnapshotStreamInfo> Streams)
{
    /// <summary>The parents whose blocks this snapshot refers to, in parent-table order (empty for none).</summary>
    public IReadOnlyList<SnapshotParent> Parents { get; init; } = [];

    /// <summary>Whether blocks, dictionary and block hashes are encrypted or keyed (AES-256-GCM, HMAC-SHA256).</summary>
    public bool IsEncrypted { get; init; }

    /// <summary>Whether the master key comes from a password (PBKDF2) rather than a raw key.</summary>
    public bool IsPasswordProtected { get; init; }

    /// <summary>The length in bytes of the zstd dictionary the zstd blocks use; 0 when there is none.</summary>
    public int DictionaryLength { get; init; }
}
