using System.Buffers;
using Lode.IO;
using Lode.Snapshots.Crypto;

namespace Lode.Snapshots.Format;

/// <summary>
/// How a file turns a block's plaintext into stored bytes and back: compress (zstd, with the file's dictionary
/// when it has one; lz4; none) — keeping the plaintext, flagged raw, when the codec does not shrink it — then, in an
/// encrypted file, AES-256-GCM (nonce ‖ ciphertext ‖ tag). Thread-safe; does not own the cipher or dictionary.
/// </summary>
internal sealed class BlockTransform(BlockCipher? cipher, ZstdDictionary? dictionary, BlockHasher hasher)
{
    /// <summary>The file's block hash.</summary>
    public BlockHasher Hasher { get; } = hasher;

    /// <summary>The AES-GCM cipher, when the file is encrypted.</summary>
    public BlockCipher? Cipher { get; } = cipher;

    /// <summary>The bytes a stored block adds to its payload: 28 when encrypted, else 0.</summary>
    public int Overhead => Cipher is null ? 0 : SnapshotLayout.CipherOverhead;

    /// <summary>
    /// Encodes a block. The result owns a pooled buffer (release it with <see cref="EncodedBlock.Release"/>) unless
    /// the stored bytes are <paramref name="plain"/> itself (raw and unencrypted).
    /// </summary>
    /// <param name="plain">The block's plaintext.</param>
    /// <param name="settings">The stream's codec and level.</param>
    /// <param name="nonce">The block's nonce when encrypted (12 bytes), else empty.</param>
    /// <exception cref="CodecException">The codec failed.</exception>
    public EncodedBlock Encode(ReadOnlySpan<byte> plain, StreamSettings settings, ReadOnlySpan<byte> nonce)
    {
        byte[]? compressed = null;
        int length = plain.Length;
        if (settings.Codec != CompressionCodec.None)
        {
            compressed = ArrayPool<byte>.Shared.Rent(BlockCodec.CompressBound(settings.Codec, plain.Length));
            int n = dictionary is not null && settings.Codec == CompressionCodec.Zstd
                ? dictionary.Compress(plain, compressed, settings.Level)
                : BlockCodec.Compress(settings.Codec, settings.Level, plain, compressed);
            if (n < plain.Length)
            {
                length = n;
            }
            else
            {
                ArrayPool<byte>.Shared.Return(compressed);
                compressed = null;
            }
        }
        bool raw = compressed is null;
        if (Cipher is null)
        {
            return new EncodedBlock(compressed, length, raw);
        }
        var stored = ArrayPool<byte>.Shared.Rent(length + SnapshotLayout.CipherOverhead);
        Cipher.Encrypt(nonce, raw ? plain : compressed.AsSpan(0, length), stored);
        if (compressed is not null)
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
        return new EncodedBlock(stored, length + SnapshotLayout.CipherOverhead, raw);
    }

    /// <summary>Decodes stored bytes into exactly <paramref name="plain"/>.Length bytes.</summary>
    /// <returns>False when decryption fails its tag (wrong key or tampered bytes).</returns>
    /// <exception cref="CodecException">The payload does not decompress to exactly the plaintext's length.</exception>
    public bool TryDecode(ReadOnlySpan<byte> stored, CompressionCodec codec, bool raw, Span<byte> plain)
    {
        if (Cipher is null)
        {
            Unpack(stored, codec, raw, plain);
            return true;
        }
        int length = stored.Length - SnapshotLayout.CipherOverhead;
        var payload = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!Cipher.TryDecrypt(stored, payload))
            {
                return false;
            }
            Unpack(payload.AsSpan(0, length), codec, raw, plain);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private void Unpack(ReadOnlySpan<byte> payload, CompressionCodec codec, bool raw, Span<byte> plain)
    {
        if (raw || codec == CompressionCodec.None)
        {
            if (payload.Length != plain.Length)
            {
                throw new CodecException($"A raw block holds {payload.Length} bytes, not the {plain.Length} expected.");
            }
            payload.CopyTo(plain);
        }
        else if (dictionary is not null && codec == CompressionCodec.Zstd)
        {
            int n = dictionary.Decompress(payload, plain);
            if (n != plain.Length)
            {
                throw new CodecException($"A zstd block decompressed to {n} bytes, not the {plain.Length} expected.");
            }
        }
        else
        {
            BlockCodec.Decompress(codec, payload, plain);
        }
    }
}
