using System.Security.Cryptography;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Crypto;

/// <summary>
/// The block hash of a file: SHA-256 of the plaintext, or HMAC-SHA256 under the hash key when encrypted. Its
/// <see cref="Domain"/> tells which hashes are comparable: zero for plain SHA-256, the key check value when keyed
/// (equal for every file under one master key). Immutable; thread-safe.
/// </summary>
internal sealed class BlockHasher
{
    private readonly byte[]? _key;

    private BlockHasher(byte[]? key, Sha256Digest domain)
    {
        _key = key;
        Domain = domain;
    }

    /// <summary>Plain SHA-256.</summary>
    public static BlockHasher Plain { get; } = new(null, default);

    /// <summary>Which hashes are comparable with this hasher's.</summary>
    public Sha256Digest Domain { get; }

    /// <summary>The keyed hasher of a key set.</summary>
    public static BlockHasher Keyed(KeySet keys) => new(keys.HashKey, Sha256Digest.Read(keys.CheckValue));

    /// <summary>Hashes a block's plaintext.</summary>
    public Sha256Digest Compute(ReadOnlySpan<byte> plain)
    {
        if (_key is null)
        {
            return Sha256Digest.Compute(plain);
        }
        Span<byte> digest = stackalloc byte[Sha256Digest.Size];
        HMACSHA256.HashData(_key, plain, digest);
        return Sha256Digest.Read(digest);
    }
}
