using System.Buffers;

namespace Lode.Snapshots.Format;

/// <summary>
/// A block's stored bytes from <see cref="BlockTransform.Encode"/>: the first <see cref="Length"/> bytes of a pooled
/// <see cref="Buffer"/>, or — when <see cref="Buffer"/> is null — the plaintext itself.
/// </summary>
internal readonly record struct EncodedBlock(byte[]? Buffer, int Length, bool IsRaw)
{
    /// <summary>Returns the pooled buffer, if any. Call once.</summary>
    public void Release()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
