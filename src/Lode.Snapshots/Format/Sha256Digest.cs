using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Lode.Snapshots.Format;

/// <summary>A SHA-256 digest held as four words, cheap to compare and to use as a dictionary key (32 bytes).</summary>
internal readonly record struct Sha256Digest(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>The size of a digest in bytes.</summary>
    public const int Size = 32;

    /// <summary>Hashes <paramref name="data"/>.</summary>
    public static Sha256Digest Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return Read(digest);
    }

    /// <summary>Reads a digest from its 32 bytes.</summary>
    public static Sha256Digest Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

    /// <summary>Writes the digest's 32 bytes, in the order SHA-256 produced them.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, A);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], D);
    }

    /// <summary>64 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        Write(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The first word: SHA-256 output is uniformly distributed, so it hashes well.</summary>
    public override int GetHashCode() => (int)A ^ (int)(A >> 32);
}
