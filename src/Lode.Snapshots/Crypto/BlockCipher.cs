using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Crypto;

/// <summary>
/// AES-256-GCM over stored blocks (BCL <see cref="AesGcm"/>): stored bytes = nonce (12) ‖ ciphertext ‖ tag (16).
/// Thread-safe: each call takes an <see cref="AesGcm"/> from a pool (an instance is not safe for concurrent use).
/// </summary>
internal sealed class BlockCipher(byte[] key) : IDisposable
{
    /// <summary>The nonce size in bytes.</summary>
    public const int NonceSize = 12;

    /// <summary>The tag size in bytes.</summary>
    public const int TagSize = 16;

    private readonly ConcurrentBag<AesGcm> _pool = [];

    /// <summary>
    /// A nonce from a writer's 8-byte random prefix and a 32-bit counter (big-endian): unique under one key as long
    /// as the writer never repeats a counter — and the key is the file's own anyway.
    /// </summary>
    public static byte[] Nonce(ulong prefix, uint counter)
    {
        var nonce = new byte[NonceSize];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, prefix);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), counter);
        return nonce;
    }

    /// <summary>Encrypts <paramref name="plain"/> into <paramref name="stored"/> (plain.Length + 28 bytes).</summary>
    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plain, Span<byte> stored)
    {
        var aes = Rent();
        try
        {
            nonce.CopyTo(stored);
            aes.Encrypt(nonce, plain, stored.Slice(NonceSize, plain.Length), stored.Slice(NonceSize + plain.Length, TagSize));
        }
        finally
        {
            _pool.Add(aes);
        }
    }

    /// <summary>Decrypts stored bytes (at least 28) into <paramref name="plain"/> (stored.Length - 28 bytes).</summary>
    /// <returns>False when the tag does not match (wrong key or tampered bytes); <paramref name="plain"/> is then zeroed.</returns>
    public bool TryDecrypt(ReadOnlySpan<byte> stored, Span<byte> plain)
    {
        int length = stored.Length - SnapshotLayout.CipherOverhead;
        var aes = Rent();
        try
        {
            aes.Decrypt(stored[..NonceSize], stored.Slice(NonceSize, length), stored.Slice(NonceSize + length, TagSize), plain[..length]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        finally
        {
            _pool.Add(aes);
        }
    }

    /// <summary>Disposes the pooled instances (those in use are collected by their finalizers).</summary>
    public void Dispose()
    {
        while (_pool.TryTake(out var aes))
        {
            aes.Dispose();
        }
    }

    private AesGcm Rent() => _pool.TryTake(out var aes) ? aes : new AesGcm(key, TagSize);
}
