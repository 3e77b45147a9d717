namespace Lode.IO;

/// <summary>Helpers over <see cref="IByteSource"/>.</summary>
public static class ByteSourceExtensions
{
    /// <summary>
    /// The <paramref name="length"/> bytes at <paramref name="offset"/> lent in place when <paramref name="source"/> is
    /// an <see cref="IDirectByteSource"/> that can lend them (see there); false otherwise.
    /// </summary>
    public static bool TryGetMemory(this IByteSource source, long offset, int length, out ReadOnlyMemory<byte> memory)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source is IDirectByteSource direct)
        {
            return direct.TryGetMemory(offset, length, out memory);
        }
        memory = default;
        return false;
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> with the bytes at <paramref name="offset"/>, or throws when the
    /// source ends first. Thread-safe when the source is.
    /// </summary>
    /// <exception cref="EndOfStreamException">Fewer than <c>buffer.Length</c> bytes exist at the offset.</exception>
    public static void ReadExactlyAt(this IByteSource source, long offset, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(source);
        int done = 0;
        while (done < buffer.Length)
        {
            int n = source.ReadAt(offset + done, buffer[done..]);
            if (n <= 0)
            {
                throw new EndOfStreamException(
                    $"Needed {buffer.Length} bytes at offset {offset}, but the source ({source.Length} bytes) ends after {done}.");
            }
            done += n;
        }
    }

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/> into a new array.</summary>
    /// <exception cref="EndOfStreamException">The range is not inside the source.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative.</exception>
    public static byte[] ReadBytes(this IByteSource source, long offset, int length)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset < 0 || offset > source.Length - length)
        {
            throw new EndOfStreamException(
                $"The range [{offset}, {offset + length}) is outside the source ({source.Length} bytes).");
        }
        var bytes = new byte[length];
        source.ReadExactlyAt(offset, bytes);
        return bytes;
    }
}
