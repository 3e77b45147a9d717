using System.Security.Cryptography;
using System.Text;

namespace Lode;

/// <summary>
/// Creates and unlocks a repository's master key, and derives the purpose keys from it (HKDF-SHA256): one for the
/// snapshot containers, one for the small JSON objects (manifests). Thread-safe (no state).
/// </summary>
internal static class RepositoryKeys
{
    public const string Pbkdf2Sha256 = "pbkdf2-sha256";

    /// <summary>The iteration count of new repositories.</summary>
    public const int DefaultIterations = 600_000;

    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>A new random master key, and its wrapping under <paramref name="password"/>.</summary>
    public static (RepositoryEncryption Encryption, byte[] MasterKey) Create(string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        byte[] masterKey = RandomNumberGenerator.GetBytes(KeySize);
        byte[] salt = RandomNumberGenerator.GetBytes(KeySize);
        byte[] nonce = RandomNumberGenerator.GetBytes(NonceSize);
        byte[] wrapped = new byte[NonceSize + KeySize + TagSize];
        nonce.CopyTo(wrapped, 0);
        using (var aes = new AesGcm(DeriveWrappingKey(password, salt, iterations), TagSize))
        {
            aes.Encrypt(nonce, masterKey, wrapped.AsSpan(NonceSize, KeySize), wrapped.AsSpan(NonceSize + KeySize), WrapContext);
        }
        return (new RepositoryEncryption { Iterations = iterations, Salt = salt, WrappedKey = wrapped }, masterKey);
    }

    /// <summary>Unwraps the master key with <paramref name="password"/>.</summary>
    /// <exception cref="WrongPasswordException">The password does not open this repository.</exception>
    /// <exception cref="LodeException">The key material in the config is malformed or uses an unknown KDF.</exception>
    public static byte[] Unlock(RepositoryEncryption encryption, string password, string location)
    {
        if (encryption.Kdf != Pbkdf2Sha256 || encryption.Iterations < 1 || encryption.Salt is not { Length: KeySize }
            || encryption.WrappedKey is not { Length: NonceSize + KeySize + TagSize })
        {
            throw new LodeException($"The encryption settings in {location}/config are malformed or use an unknown key derivation ({encryption.Kdf}).");
        }
        byte[] masterKey = new byte[KeySize];
        var wrapped = encryption.WrappedKey.AsSpan();
        try
        {
            using var aes = new AesGcm(DeriveWrappingKey(password, encryption.Salt, encryption.Iterations), TagSize);
            aes.Decrypt(wrapped[..NonceSize], wrapped.Slice(NonceSize, KeySize), wrapped[(NonceSize + KeySize)..], masterKey, WrapContext);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new WrongPasswordException($"Wrong password for the repository at {location}.");
        }
        return masterKey;
    }

    /// <summary>The key of one purpose (<c>"container"</c>, <c>"object"</c>), derived from the master key.</summary>
    public static byte[] Derive(byte[] masterKey, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, KeySize, salt: [], info: Encoding.ASCII.GetBytes("lode " + purpose));

    private static ReadOnlySpan<byte> WrapContext => "lode repository key"u8;

    private static byte[] DeriveWrappingKey(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, KeySize);
}
