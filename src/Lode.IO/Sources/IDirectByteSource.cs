namespace Lode.IO;

/// <summary>
/// An <see cref="IByteSource"/> that can lend a range of its bytes in place, without copying them: a memory region,
/// or a file through a read-only memory mapping of the page cache. Readers of large, randomly accessed structures
/// (an FM-index) use it to skip the copy into fresh memory that <see cref="IByteSource.ReadAt"/> makes; every other
/// reader keeps using <see cref="IByteSource.ReadAt"/>.
/// </summary>
/// <remarks>
/// Thread-safe like <see cref="IByteSource"/>. The lent memory is read-only and stays valid for as long as the caller
/// holds it, even after the source is disposed (a mapping is released only when no lent memory references it). The
/// bytes are exactly what <see cref="IByteSource.ReadAt"/> would return, with no checks added: a caller that needs
/// integrity checks its own checksums. A mapped file must not be truncated while its memory is used (reading past
/// the new end raises SIGBUS); Lode's stored objects are immutable once written.
/// </remarks>
public interface IDirectByteSource : IByteSource
{
    /// <summary>
    /// Lends the <paramref name="length"/> bytes at <paramref name="offset"/> in place when the source can; otherwise
    /// (the range is not inside the source, or not contiguous in memory, or mapping failed) returns false and the
    /// caller reads with <see cref="IByteSource.ReadAt"/>.
    /// </summary>
    bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory);
}
