namespace Lode.IO;

/// <summary>One unit handed from a read-ahead producer to the consumer: bytes in a pooled buffer, possibly the last
/// ones, or the exception that stopped the producer.</summary>
/// <param name="Buffer">A buffer rented from the stream's <see cref="ChunkBufferPool"/>; null for an end or an error.</param>
/// <param name="Count">Valid bytes at the start of <paramref name="Buffer"/>.</param>
/// <param name="Error">The producer's failure, delivered after every byte read before it.</param>
/// <param name="Last">No chunk follows this one.</param>
internal readonly record struct ReadAheadChunk(byte[]? Buffer, int Count, Exception? Error, bool Last)
{
    /// <summary>The input has no more bytes.</summary>
    public static ReadAheadChunk End => new(null, 0, null, true);

    public static ReadAheadChunk Failed(Exception error) => new(null, 0, error, true);
}
