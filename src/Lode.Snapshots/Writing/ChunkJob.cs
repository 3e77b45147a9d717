using System.Buffers;
using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// One chunk on its way to the file: hashed, zero-tested, compressed and checksummed by <see cref="Run"/> (on any
/// thread), then committed in order by the writer. Owns its pooled buffers until <see cref="Release"/>.
/// </summary>
internal sealed class ChunkJob(StreamState stream, byte[] data, int length)
{
    private byte[]? _compressed;

    /// <summary>The stream the chunk belongs to.</summary>
    public StreamState Stream { get; } = stream;

    /// <summary>The chunk's length in bytes.</summary>
    public int Length { get; } = length;

    /// <summary>True when every byte is zero.</summary>
    public bool IsZero { get; private set; }

    /// <summary>SHA-256 of the plaintext.</summary>
    public Sha256Digest Sha256 { get; private set; }

    /// <summary>True when the stored bytes are the plaintext (codec None, or the codec did not shrink it).</summary>
    public bool IsRaw { get; private set; }

    /// <summary>Length of <see cref="Stored"/>.</summary>
    public int StoredLength { get; private set; }

    /// <summary>CRC32C of <see cref="Stored"/>.</summary>
    public uint Crc { get; private set; }

    /// <summary>The bytes to store (valid after <see cref="Run"/>, until <see cref="Release"/>).</summary>
    public ReadOnlySpan<byte> Stored => IsRaw ? data.AsSpan(0, Length) : _compressed.AsSpan(0, StoredLength);

    /// <summary>Does the CPU work. Thread-safe with respect to other jobs.</summary>
    /// <exception cref="CodecException">The codec failed.</exception>
    public void Run(CompressionCodec codec, int level)
    {
        var plain = data.AsSpan(0, Length);
        Sha256 = Sha256Digest.Compute(plain);
        IsZero = !plain.ContainsAnyExcept((byte)0);
        if (IsZero)
        {
            return;
        }
        IsRaw = true;
        StoredLength = Length;
        if (codec != CompressionCodec.None)
        {
            _compressed = ArrayPool<byte>.Shared.Rent(BlockCodec.CompressBound(codec, Length));
            int n = BlockCodec.Compress(codec, level, plain, _compressed);
            if (n < Length)
            {
                IsRaw = false;
                StoredLength = n;
            }
        }
        Crc = Crc32C.Compute(Stored);
    }

    /// <summary>Returns the pooled buffers. Call once, after the job is committed or abandoned.</summary>
    public void Release()
    {
        ArrayPool<byte>.Shared.Return(data);
        if (_compressed is not null)
        {
            ArrayPool<byte>.Shared.Return(_compressed);
            _compressed = null;
        }
    }
}
