using System.Security.Cryptography;
using System.Text;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Crypto;

/// <summary>
/// The keys of one encrypted file, derived from its master key with HKDF-SHA256 (RFC 5869; BCL
/// <see cref="HKDF"/>), each with its own info string so no two are related: the block key is salted with the
/// file's random salt (a fresh AES key per file); the hash key, MAC key and key check value are not (they are the
/// same for every file under one master key). Immutable; thread-safe.
/// </summary>
internal sealed class KeySet
{
    private KeySet(byte[] blockKey, byte[] hashKey, byte[] macKey, byte[] checkValue)
    {
        BlockKey = blockKey;
        HashKey = hashKey;
        MacKey = macKey;
        CheckValue = checkValue;
    }

    /// <summary>The AES-256-GCM key of this file's blocks and dictionary.</summary>
    public byte[] BlockKey { get; }

    /// <summary>The HMAC-SHA256 key of block hashes.</summary>
    public byte[] HashKey { get; }

    /// <summary>The HMAC-SHA256 key of the header MAC.</summary>
    public byte[] MacKey { get; }

    /// <summary>The 32-byte key check value stored in the header.</summary>
    public byte[] CheckValue { get; }

    /// <summary>Derives the keys from a master key and the file's salt.</summary>
    public static KeySet Derive(byte[] masterKey, byte[] salt) => new(
        Expand(masterKey, salt, "lode snapshot block key"),
        Expand(masterKey, [], "lode snapshot hash key"),
        Expand(masterKey, [], "lode snapshot mac key"),
        Expand(masterKey, [], "lode snapshot key check"));

    /// <summary>HMAC-SHA256 under the MAC key of header bytes [0, 1020) with the MAC field (896-927) taken as zeros.</summary>
    public byte[] ComputeMac(ReadOnlySpan<byte> header)
    {
        Span<byte> covered = stackalloc byte[SnapshotLayout.HeaderCrcOffset];
        header[..SnapshotLayout.HeaderCrcOffset].CopyTo(covered);
        covered.Slice(SnapshotLayout.MacOffset, SnapshotLayout.MacSize).Clear();
        return HMACSHA256.HashData(MacKey, covered);
    }

    private static byte[] Expand(byte[] masterKey, byte[] salt, string info) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, SnapshotEncryption.KeySize, salt, Encoding.ASCII.GetBytes(info));
}
