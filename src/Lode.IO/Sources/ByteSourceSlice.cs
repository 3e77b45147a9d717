namespace Lode.IO;

/// <summary>
/// A window <c>[offset, offset + length)</c> of another <see cref="IByteSource"/>, itself a source whose
/// offsets start at 0. Thread-safe when the underlying source is. Does not own the underlying source:
/// disposing the slice leaves it open.
/// </summary>
public sealed class ByteSourceSlice : IDirectByteSource
{
    private readonly IByteSource _inner;
    private readonly long _start;

    /// <summary>Creates the window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is not inside <paramref name="inner"/>.</exception>
    public ByteSourceSlice(IByteSource inner, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset > inner.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                $"The window [{offset}, {offset + length}) is outside the source ({inner.Length} bytes).");
        }
        _inner = inner;
        _start = offset;
        Length = length;
    }

    /// <inheritdoc />
    public long Length { get; }

    /// <inheritdoc />
    public int ReadAt(long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= Length)
        {
            return 0;
        }
        long available = Length - offset;
        if (buffer.Length > available)
        {
            buffer = buffer[..(int)available];
        }
        return _inner.ReadAt(_start + offset, buffer);
    }

    /// <inheritdoc />
    /// <remarks>Lends in place when the underlying source does.</remarks>
    public bool TryGetMemory(long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        if (offset < 0 || length < 0 || offset > Length - length)
        {
            memory = default;
            return false;
        }
        return _inner.TryGetMemory(_start + offset, length, out memory);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
