using Lode.IO;

namespace Lode.Snapshots;

/// <summary>The decoded, validated header of a snapshot file (see docs/format.md, "Snapshot container").</summary>
/// <param name="Version">The format version the file was written with.</param>
/// <param name="Codec">The codec of every stored block.</param>
/// <param name="Level">The zstd level the writer used (informational).</param>
/// <param name="Chunking">The chunking parameters the writer used.</param>
/// <param name="CreatedAt">When the writer was created (microsecond precision, UTC).</param>
/// <param name="WriterVersion">The writing library and its version, e.g. "Lode.Snapshots 1.0.0".</param>
/// <param name="IntegrityRoot">SHA-256 over every index page's SHA-256, 64 lowercase hex digits.</param>
/// <param name="Streams">The streams, in the order the writer first saw them.</param>
public sealed record SnapshotHeader(
    SnapshotVersion Version,
    CompressionCodec Codec,
    int Level,
    ChunkingOptions Chunking,
    DateTimeOffset CreatedAt,
    string WriterVersion,
    string IntegrityRoot,
    IReadOnlyList<SnapshotStreamInfo> Streams);
