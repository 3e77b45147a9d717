using Lode.IO;

namespace Lode.Snapshots;

/// <summary>
/// Settings of one named stream that override the writer's defaults (e.g. a search index stored with codec None
/// and fixed 64 KiB blocks, so it can be read at random cheaply). A null property keeps the default. Recorded in
/// the file per stream. Immutable once built.
/// </summary>
public sealed class SnapshotStreamOptions
{
    /// <summary>The stream's codec; null: <see cref="SnapshotWriterOptions.Codec"/>.</summary>
    public CompressionCodec? Codec { get; init; }

    /// <summary>The stream's zstd level (-7 to 22); null: <see cref="SnapshotWriterOptions.Level"/>.</summary>
    public int? Level { get; init; }

    /// <summary>How the stream is cut into blocks; null: <see cref="SnapshotWriterOptions.Chunking"/>.</summary>
    public ChunkingOptions? Chunking { get; init; }
}
