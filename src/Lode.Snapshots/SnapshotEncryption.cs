using System.Security.Cryptography;
using System.Text;
using Lode.Snapshots.Format;

namespace Lode.Snapshots;

/// <summary>
/// The secret that encrypts a snapshot (writer) or opens one (reader): a raw 32-byte master key, or a password
/// from which the master key is derived with PBKDF2-HMAC-SHA256 over a random 32-byte salt stored in the header.
/// </summary>
/// <remarks>
/// <para>From the master key, HKDF-SHA256 (RFC 5869) derives: the block key (salted with the file's random salt,
/// so every file has its own), the hash key (unsalted: snapshots sharing the master key get the same keyed block
/// hashes, so dedup works between them), the header-MAC key and the key check value stored in the header (so a
/// wrong key is refused at open). A password gives every file its own master key (its salt is random), so
/// password-protected snapshots never dedup against each other; repositories use <see cref="FromKey"/>.</para>
/// <para>Immutable and thread-safe. The key and password are kept in memory for the object's life.</para>
/// </remarks>
public sealed class SnapshotEncryption
{
    /// <summary>The master key size: 32 bytes (AES-256).</summary>
    public const int KeySize = 32;

    /// <summary>The fewest PBKDF2 iterations accepted: 600 000 (OWASP's 2023 advice for PBKDF2-HMAC-SHA256).</summary>
    public const int MinimumIterations = 600_000;

    /// <summary>The most PBKDF2 iterations accepted (about 5 s of work), so a hostile header cannot hang a reader.</summary>
    public const int MaximumIterations = 10_000_000;

    private readonly byte[]? _key;
    private readonly byte[]? _password;

    private SnapshotEncryption(byte[]? key, byte[]? password, int iterations)
    {
        _key = key;
        _password = password;
        Iterations = iterations;
    }

    /// <summary>The PBKDF2 iteration count a writer uses; 0 for a raw key.</summary>
    public int Iterations { get; }

    /// <summary>Whether this is a password (PBKDF2) rather than a raw key.</summary>
    public bool IsPassword => _password is not null;

    internal KdfId Kdf => IsPassword ? KdfId.Pbkdf2Sha256 : KdfId.RawKey;

    /// <summary>Uses a raw 32-byte master key (copied).</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public static SnapshotEncryption FromKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A snapshot key is {KeySize} bytes; got {key.Length}.", nameof(key));
        }
        return new SnapshotEncryption(key.ToArray(), null, 0);
    }

    /// <summary>Uses a password; the master key is PBKDF2-HMAC-SHA256(password as UTF-8, salt, iterations).</summary>
    /// <param name="password">Not empty.</param>
    /// <param name="iterations">For writing; between <see cref="MinimumIterations"/> and <see cref="MaximumIterations"/>.
    /// A reader uses the count in the file's header instead.</param>
    /// <exception cref="ArgumentException">The password is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The iteration count is out of range.</exception>
    public static SnapshotEncryption FromPassword(string password, int iterations = MinimumIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaximumIterations);
        return new SnapshotEncryption(null, Encoding.UTF8.GetBytes(password), iterations);
    }

    /// <summary>The master key for a file whose header names <paramref name="kdf"/>, salt and iteration count.</summary>
    /// <exception cref="SnapshotAuthenticationException">The file wants a password but this is a key, or the reverse.</exception>
    internal byte[] DeriveMasterKey(KdfId kdf, byte[] salt, uint iterations)
    {
        if (kdf != Kdf)
        {
            throw new SnapshotAuthenticationException(kdf == KdfId.Pbkdf2Sha256
                ? "The snapshot is protected by a password, but a raw key was given; open it with SnapshotEncryption.FromPassword."
                : "The snapshot is encrypted with a raw key, but a password was given; open it with SnapshotEncryption.FromKey.");
        }
        return _password is null
            ? (byte[])_key!.Clone()
            : Rfc2898DeriveBytes.Pbkdf2(_password, salt, checked((int)iterations), HashAlgorithmName.SHA256, KeySize);
    }
}
