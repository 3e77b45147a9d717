using System.Security.Cryptography;
using System.Text;

namespace Lode;

/// <summary>
/// Seals a small repository object (a manifest) with AES-256-GCM: <c>"LODEENC1"</c>, a random 12-byte nonce, the
/// ciphertext, the 16-byte tag. The object's key is the associated data, so an object moved to another key does not
/// open. Thread-safe (no state).
/// </summary>
internal static class ObjectEnvelope
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static ReadOnlySpan<byte> Magic => "LODEENC1"u8;

    public static byte[] Seal(byte[] key, string objectKey, ReadOnlySpan<byte> plaintext)
    {
        byte[] sealedBytes = new byte[Magic.Length + NonceSize + plaintext.Length + TagSize];
        Magic.CopyTo(sealedBytes);
        var nonce = sealedBytes.AsSpan(Magic.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(Magic.Length + NonceSize, plaintext.Length),
            sealedBytes.AsSpan(sealedBytes.Length - TagSize), Encoding.UTF8.GetBytes(objectKey));
        return sealedBytes;
    }

    /// <exception cref="CorruptDataException">The bytes are not a sealed object or fail authentication.</exception>
    public static byte[] Open(byte[] key, string objectKey, ReadOnlySpan<byte> sealedBytes, string where)
    {
        if (sealedBytes.Length < Magic.Length + NonceSize + TagSize || !sealedBytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new CorruptDataException($"{where} is not an encrypted Lode object.");
        }
        var body = sealedBytes[(Magic.Length + NonceSize)..^TagSize];
        byte[] plaintext = new byte[body.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.Slice(Magic.Length, NonceSize), body, sealedBytes[^TagSize..], plaintext, Encoding.UTF8.GetBytes(objectKey));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CorruptDataException($"{where} fails authentication: it was damaged or tampered with.");
        }
        return plaintext;
    }
}
