using System.Buffers.Binary;
using System.Security.Cryptography;
using Lode.Snapshots.Crypto;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// A writer's encryption state: a random 32-byte salt for the header, the keys derived from it and the master key,
/// and the nonces. Nonce = the writer's random 8-byte prefix ‖ a 32-bit counter that counts blocks from 0 (the
/// value 2^32 - 1 is kept for the dictionary), so no nonce repeats within a file — and the block key is the file's
/// own anyway (salted HKDF), so none repeats under a key. Not thread-safe (nonces are drawn by the ordered writer).
/// </summary>
internal sealed class WriterKeys : IDisposable
{
    private readonly ulong _prefix;
    private uint _counter;

    private WriterKeys(EncryptionFields fields, KeySet keys, ulong prefix)
    {
        Fields = fields;
        Keys = keys;
        Cipher = new BlockCipher(keys.BlockKey);
        Hasher = BlockHasher.Keyed(keys);
        _prefix = prefix;
    }

    /// <summary>The header's encryption field.</summary>
    public EncryptionFields Fields { get; }

    /// <summary>The derived keys.</summary>
    public KeySet Keys { get; }

    /// <summary>The block cipher.</summary>
    public BlockCipher Cipher { get; }

    /// <summary>The keyed block hash.</summary>
    public BlockHasher Hasher { get; }

    /// <summary>Draws a salt and derives the keys (PBKDF2 for a password: about 0.1-0.5 s at 600 000 iterations).</summary>
    public static WriterKeys Create(SnapshotEncryption encryption)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        var keys = KeySet.Derive(encryption.DeriveMasterKey(encryption.Kdf, salt, (uint)encryption.Iterations), salt);
        var fields = new EncryptionFields(encryption.Kdf, EncryptionFields.AesGcm, (uint)encryption.Iterations, salt, keys.CheckValue);
        return new WriterKeys(fields, keys, BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8)));
    }

    /// <summary>The next block's nonce.</summary>
    /// <exception cref="InvalidOperationException">The file already has 2^32 - 1 encrypted blocks.</exception>
    public byte[] NextNonce() => _counter < uint.MaxValue
        ? BlockCipher.Nonce(_prefix, _counter++)
        : throw new InvalidOperationException("An encrypted snapshot holds at most 2^32 - 1 blocks; split the data over several snapshots.");

    /// <summary>The dictionary's nonce (counter 2^32 - 1, never a block's).</summary>
    public byte[] DictionaryNonce() => BlockCipher.Nonce(_prefix, uint.MaxValue);

    /// <summary>Disposes the cipher.</summary>
    public void Dispose() => Cipher.Dispose();
}
