namespace Lode.IO;

/// <summary>An <see cref="IByteSource"/> over bytes in memory. Thread-safe; the caller must not mutate the memory.</summary>
public sealed class MemoryByteSource : IDirectByteSource
{
    private readonly ReadOnlyMemory<byte> _memory;

    /// <summary>Wraps <paramref name="memory"/> without copying it.</summary>
    public MemoryByteSource(ReadOnlyMemory<byte> memory) => _memory = memory;

    /// <inheritdoc />
    public long Length => _memory.Length;

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= _memory.Length)
        {
            return 0;
        }
        var available = _memory.Span[(int)offset..];
        int n = Math.Min(available.Length, buffer.Length);
        available[..n].CopyTo(buffer);
        return n;
    }

    /// <inheritdoc />
    public bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        bool inside = offset >= 0 && length >= 0 && offset <= _memory.Length - length;
        memory = inside ? _memory.Slice((int)offset, length) : default;
        return inside;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
