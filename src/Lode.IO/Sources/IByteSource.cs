namespace Lode.IO;

/// <summary>
/// A random-access, read-only sequence of bytes of known length: a local file, a memory region, or an
/// object behind a cache. Every subsystem that needs bytes from elsewhere takes one of these, so it reads
/// the same way from any backing store.
/// </summary>
/// <remarks>
/// Implementations are thread-safe: any number of threads may call <see cref="ReadAt"/> concurrently.
/// The caller owns the destination buffer; the source never keeps a reference to it.
/// </remarks>
public interface IByteSource : IDisposable
{
    /// <summary>The total length of the source, in bytes. Constant for the life of the source.</summary>
    long Length { get; }

    /// <summary>
    /// Reads up to <c>buffer.Length</c> bytes starting at <paramref name="offset"/> (bytes from the start).
    /// </summary>
    /// <returns>
    /// The number of bytes read: <c>buffer.Length</c>, fewer only when the end of the source is reached,
    /// and 0 when <paramref name="offset"/> is at or beyond <see cref="Length"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    /// <exception cref="IOException">The backing store failed.</exception>
    /// <exception cref="ObjectDisposedException">The source was disposed.</exception>
    int ReadAt(long offset, Span<byte> buffer);
}
