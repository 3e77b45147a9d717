using Lode.IO;
using Lode.Snapshots;

namespace Lode;

/// <summary>A container stream as an <see cref="IByteSource"/> for the engine (the search index): damage the
/// container detects surfaces as <see cref="CorruptDataException"/> naming the object, like every other read of a
/// snapshot; ranges stored verbatim are lent in place (<see cref="SnapshotReader.AsByteSource"/>). Thread-safe like the
/// reader; the reader stays the owner.</summary>
internal sealed class ContainerStreamSource(SnapshotReader reader, string stream, string where) : IDirectByteSource
{
    private readonly IByteSource _inner = reader.AsByteSource(stream);

    public long Length => _inner.Length;

    public int ReadAt(long offset, Span<byte> buffer)
    {
        try
        {
            return _inner.ReadAt(offset, buffer);
        }
        catch (SnapshotException e)
        {
            throw new CorruptDataException($"{where} is corrupt: {e.Message}", e);
        }
    }

    public bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        try
        {
            return _inner.TryGetMemory(offset, length, out memory);
        }
        catch (SnapshotException e)
        {
            throw new CorruptDataException($"{where} is corrupt: {e.Message}", e);
        }
    }

    public void Dispose()
    {
    }
}
