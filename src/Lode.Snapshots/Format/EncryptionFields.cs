using System.Buffers.Binary;

namespace Lode.Snapshots.Format;

/// <summary>
/// The header's encryption field (72 bytes at offset 136): KDF id, cipher id (1 = AES-256-GCM), reserved u16,
/// KDF iterations (u32), salt (32 bytes), key check value (32 bytes). All zero when the file is not encrypted.
/// </summary>
internal sealed record EncryptionFields(KdfId Kdf, byte Cipher, uint Iterations, byte[] Salt, byte[] CheckValue)
{
    /// <summary>The encoded size in bytes.</summary>
    public const int Size = 72;

    /// <summary>The only cipher: AES-256-GCM with 12-byte nonces and 16-byte tags.</summary>
    public const byte AesGcm = 1;

    /// <summary>The field of an unencrypted file.</summary>
    public static EncryptionFields None { get; } = new(KdfId.None, 0, 0, new byte[32], new byte[32]);

    /// <summary>Whether the file is encrypted.</summary>
    public bool IsEncrypted => Kdf != KdfId.None;

    /// <summary>Encodes the field into <paramref name="destination"/> (at least <see cref="Size"/> bytes).</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)Kdf;
        destination[1] = Cipher;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Iterations);
        Salt.CopyTo(destination[8..]);
        CheckValue.CopyTo(destination[40..]);
    }

    /// <summary>Decodes the field without judging it.</summary>
    public static EncryptionFields Read(ReadOnlySpan<byte> source) => new(
        (KdfId)source[0],
        source[1],
        BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        source.Slice(8, 32).ToArray(),
        source.Slice(40, 32).ToArray());

    /// <summary>Whether the reserved bytes of the encoded field are zero.</summary>
    public static bool ReservedIsZero(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt16LittleEndian(source[2..]) == 0;
}
