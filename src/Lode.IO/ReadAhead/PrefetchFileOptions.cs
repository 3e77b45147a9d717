namespace Lode.IO;

/// <summary>How <see cref="PrefetchStream.OpenFile"/> reads a file ahead of its consumer.</summary>
/// <remarks>The defaults come from the measurements in <c>docs/benchmarks.md</c> ("Read-ahead"): see there before
/// changing them.</remarks>
public sealed record PrefetchFileOptions
{
    /// <summary>Bytes per chunk: the unit of each positional read and of each hand-over. Default 4 MiB.</summary>
    public int ChunkSize { get; init; } = PrefetchStream.DefaultChunkSize;

    /// <summary>Chunks read ahead of the consumer (claimed but not yet taken). Default 4.</summary>
    public int Depth { get; init; } = PrefetchStream.DefaultDepth;

    /// <summary>Concurrent positional readers, each reading its own chunk. One reader is the classic read-ahead; more
    /// help on storage that serves parallel requests faster than one queue (network block devices, NVMe). Must be
    /// between 1 and <see cref="Depth"/>. Default 1.</summary>
    public int Streams { get; init; } = 1;

    /// <summary>Asks the kernel to page ahead (<c>POSIX_FADV_WILLNEED</c>) one window beyond each chunk read.
    /// Default true; a no-op off Linux.</summary>
    public bool WillNeed { get; init; } = true;
}
