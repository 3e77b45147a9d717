using Lode.IO;

namespace Lode.Snapshots.Reading;

/// <summary>One logical stream of a reader seen as an <see cref="IByteSource"/>. Thread-safe; does not own the reader.</summary>
internal sealed class StreamByteSource(SnapshotReader reader, string stream, long length) : IByteSource
{
    public long Length => length;

    public int ReadAt(long offset, Span<byte> buffer) => reader.ReadAt(stream, offset, buffer);

    public void Dispose()
    {
    }
}
