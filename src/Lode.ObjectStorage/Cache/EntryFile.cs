using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Lode.IO;
using Microsoft.Win32.SafeHandles;

namespace Lode.ObjectStorage;

/// <summary>
/// The on-disk form of a cache entry: the object's bytes, then a trailer that names the object and records its
/// length, so that a truncated or foreign file is never taken for an entry (see docs/format.md, "Disk cache").
/// </summary>
/// <remarks>
/// Trailer, after the object's bytes: scope (UTF-8), key (UTF-8), then 32 fixed bytes, little-endian:
/// object length (u64), scope bytes (u32), key bytes (u32), version (u32, = 1), CRC32C (u32) of everything from
/// the scope to the version, magic <c>"LODECACH"</c> (8 bytes). File name: the lowercase hex SHA-256 of
/// <c>scope + '\0' + key</c> (UTF-8).
/// </remarks>
internal static class EntryFile
{
    /// <summary>The fixed part of the trailer.</summary>
    public const int FixedTrailerBytes = 32;

    private const uint Version = 1;
    private const int MaxNameBytes = 4096;
    private static readonly byte[] Magic = "LODECACH"u8.ToArray();

    /// <summary>The file name of the entry for <paramref name="key"/> in <paramref name="scope"/>.</summary>
    public static string Name(string scope, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\0" + key)));

    /// <summary>Builds the trailer of an entry of <paramref name="length"/> object bytes.</summary>
    public static byte[] Trailer(string scope, string key, long length)
    {
        byte[] scopeBytes = Encoding.UTF8.GetBytes(scope);
        byte[] keyBytes = Encoding.UTF8.GetBytes(key);
        var trailer = new byte[scopeBytes.Length + keyBytes.Length + FixedTrailerBytes];
        scopeBytes.CopyTo(trailer, 0);
        keyBytes.CopyTo(trailer, scopeBytes.Length);
        var tail = trailer.AsSpan(scopeBytes.Length + keyBytes.Length);
        BinaryPrimitives.WriteInt64LittleEndian(tail, length);
        BinaryPrimitives.WriteInt32LittleEndian(tail[8..], scopeBytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(tail[12..], keyBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(tail[16..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(tail[20..], Crc32C.Compute(trailer.AsSpan(0, trailer.Length - 12)));
        Magic.CopyTo(tail[24..]);
        return trailer;
    }

    /// <summary>The size of the entry file of an object of <paramref name="length"/> bytes.</summary>
    public static long FileBytes(string scope, string key, long length) =>
        length + Encoding.UTF8.GetByteCount(scope) + Encoding.UTF8.GetByteCount(key) + FixedTrailerBytes;

    /// <summary>
    /// Reads and checks the trailer of the entry file <paramref name="handle"/> named <paramref name="name"/>:
    /// the size must match the recorded length exactly, the CRC and magic must hold, and the name must be the
    /// hash of the recorded scope and key. Returns <c>null</c> for anything else (a truncated, torn or foreign file).
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static (string Scope, string Key, long Length)? Read(SafeFileHandle handle, string name)
    {
        long size = RandomAccess.GetLength(handle);
        if (size < FixedTrailerBytes)
        {
            return null;
        }
        Span<byte> tail = stackalloc byte[FixedTrailerBytes];
        if (RandomAccess.Read(handle, tail, size - FixedTrailerBytes) != FixedTrailerBytes || !tail[24..].SequenceEqual(Magic))
        {
            return null;
        }
        long length = BinaryPrimitives.ReadInt64LittleEndian(tail);
        int scopeBytes = BinaryPrimitives.ReadInt32LittleEndian(tail[8..]);
        int keyBytes = BinaryPrimitives.ReadInt32LittleEndian(tail[12..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(tail[16..]) != Version || scopeBytes is < 0 or > MaxNameBytes
            || keyBytes is < 0 or > MaxNameBytes || length < 0 || length != size - FixedTrailerBytes - scopeBytes - keyBytes)
        {
            return null;
        }
        var names = new byte[scopeBytes + keyBytes + FixedTrailerBytes - 12];
        if (RandomAccess.Read(handle, names, length) != names.Length
            || Crc32C.Compute(names) != BinaryPrimitives.ReadUInt32LittleEndian(tail[20..]))
        {
            return null;
        }
        string scope = Encoding.UTF8.GetString(names, 0, scopeBytes);
        string key = Encoding.UTF8.GetString(names, scopeBytes, keyBytes);
        return Name(scope, key) == name ? (scope, key, length) : null;
    }
}
