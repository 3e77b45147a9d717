namespace Lode;

/// <summary>
/// The key material an encrypted repository keeps in its <c>config</c>: the repository's random 256-bit master key,
/// wrapped (AES-256-GCM) under a key derived from the password with PBKDF2-HMAC-SHA256. Nothing here reveals the
/// master key without the password; everything else of the repository is encrypted under keys derived from it.
/// </summary>
public sealed record RepositoryEncryption
{
    /// <summary>The key-derivation function: always <c>pbkdf2-sha256</c> in this version.</summary>
    public string Kdf { get; init; } = RepositoryKeys.Pbkdf2Sha256;

    /// <summary>PBKDF2 iterations (at least 600 000, OWASP's 2023 figure for PBKDF2-HMAC-SHA256).</summary>
    public required int Iterations { get; init; }

    /// <summary>The random 32-byte PBKDF2 salt.</summary>
    public required byte[] Salt { get; init; }

    /// <summary>The wrapped master key: a 12-byte nonce, the 32-byte encrypted key, and the 16-byte GCM tag.</summary>
    public required byte[] WrappedKey { get; init; }
}
