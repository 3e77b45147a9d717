namespace Lode.ObjectStorage;

/// <summary>
/// Cuts a put's content into multipart-upload parts: first the bytes already read into a head buffer, then the
/// rest of the stream. Not thread-safe: one caller reads parts in order.
/// </summary>
/// <param name="head">Bytes already read from the content; borrowed, not owned.</param>
/// <param name="headLength">How many bytes of <paramref name="head"/> are content.</param>
/// <param name="rest">The content after those bytes.</param>
internal sealed class PartReader(byte[] head, int headLength, Stream rest)
{
    private int _headOffset;

    /// <summary>Fills <paramref name="part"/> as far as the content allows; returns the count, less than its length only at the end.</summary>
    public async Task<int> ReadAsync(Memory<byte> part, CancellationToken cancellationToken)
    {
        int fromHead = Math.Min(part.Length, headLength - _headOffset);
        head.AsMemory(_headOffset, fromHead).CopyTo(part);
        _headOffset += fromHead;
        if (fromHead == part.Length)
        {
            return fromHead;
        }
        return fromHead + await rest.ReadAtLeastAsync(part[fromHead..], part.Length - fromHead, throwOnEndOfStream: false, cancellationToken);
    }
}
