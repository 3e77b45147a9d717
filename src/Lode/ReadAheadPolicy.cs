using Lode.IO;

namespace Lode;

/// <summary>
/// Where the engine reads ahead (<see cref="PrefetchStream"/>) and with what settings: files being snapshotted and
/// file contents copied out by <c>restore</c>, <c>cat</c> and <c>check</c>, when they are large enough to pay for a
/// background thread. The numbers come from the measurements in <c>docs/benchmarks.md</c> ("Read-ahead").
/// </summary>
internal static class ReadAheadPolicy
{
    /// <summary>Inputs smaller than this are read directly: starting and joining a producer thread costs about as much
    /// as reading a few hundred KiB from the page cache.</summary>
    public const long Threshold = 1 << 20;

    /// <summary>Chunk size: 1 MiB, so even a file of a few MiB overlaps its reads with hashing and compression.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>Chunks ahead of the consumer: 8 MiB in flight, at most 10 MiB of buffers per stream.</summary>
    public const int Depth = 8;

    private static readonly PrefetchFileOptions FileOptions = new() { ChunkSize = ChunkSize, Depth = Depth, Streams = 1 };

    /// <summary>Opens a file of <paramref name="size"/> bytes for one sequential pass: read ahead when large, a plain
    /// unbuffered <see cref="FileStream"/> (the caller reads big spans) otherwise.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static Stream OpenFile(string path, long size) => size >= Threshold
        ? PrefetchStream.OpenFile(path, FileOptions)
        : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 0, System.IO.FileOptions.SequentialScan);

    /// <summary>Reads <paramref name="inner"/> (of <paramref name="length"/> bytes) ahead on a background thread when
    /// it is large; returns it unchanged otherwise. The result owns <paramref name="inner"/>.</summary>
    public static Stream Wrap(Stream inner, long length) =>
        length >= Threshold ? new PrefetchStream(inner, ChunkSize, Depth) : inner;

    /// <summary>The next bytes of <paramref name="stream"/>: straight from the read-ahead chunk when there is one
    /// (no copy), else read into <paramref name="buffer"/>. Empty at the end. The span is valid until the next call.</summary>
    public static ReadOnlySpan<byte> Next(Stream stream, byte[] buffer) =>
        stream is PrefetchStream prefetch ? prefetch.ReadChunk(buffer.Length) : buffer.AsSpan(0, stream.Read(buffer));
}
