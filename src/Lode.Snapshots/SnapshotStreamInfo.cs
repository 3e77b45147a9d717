using Lode.IO;

namespace Lode.Snapshots;

/// <summary>One named logical stream of a snapshot.</summary>
/// <param name="Name">1 to 16 characters of [a-z0-9-], e.g. "data" or "meta".</param>
/// <param name="Length">Logical length in bytes.</param>
/// <param name="BlockCount">Blocks of every kind in the stream.</param>
/// <param name="Codec">The codec of the stream's stored blocks.</param>
/// <param name="Level">The zstd level the writer used for it (informational).</param>
/// <param name="Chunking">How the writer cut it into blocks.</param>
public sealed record SnapshotStreamInfo(string Name, long Length, long BlockCount, CompressionCodec Codec, int Level, ChunkingOptions Chunking);
