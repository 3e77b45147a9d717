using Lode.IO;

namespace Lode.Snapshots.Reading;

/// <summary>One logical stream of a reader seen as an <see cref="IByteSource"/>, lending verbatim stored ranges in place
/// (<see cref="SnapshotReader.TryGetPlainMemory"/>). Thread-safe; does not own the reader.</summary>
internal sealed class StreamByteSource(SnapshotReader reader, StreamIndex index) : IDirectByteSource
{
    public long Length => index.Length;

    public int ReadAt(long offset, Span<byte> buffer) => reader.ReadAt(index.Name, offset, buffer);

    public bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        reader.ThrowIfDisposed();
        return reader.TryGetPlainMemory(index, offset, length, out memory);
    }

    public void Dispose()
    {
    }
}
