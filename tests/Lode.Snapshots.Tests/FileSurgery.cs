using System.Buffers.Binary;
using System.Security.Cryptography;
using Lode.IO;
using Lode.Snapshots.Crypto;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Tests;

/// <summary>Edits a snapshot file the way an attacker would: after changing bytes, recomputes every checksum and hash that covers them.</summary>
internal static class FileSurgery
{
    /// <summary>The index pages of every stream: (stream position, page entry).</summary>
    public static List<(int Stream, PageEntry Page)> Pages(byte[] file)
    {
        var fields = HeaderFields.Read(file, file[38]);
        var pages = new List<(int, PageEntry)>();
        for (int s = 0; s < fields.Streams.Count; s++)
        {
            var entry = fields.Streams[s];
            for (int p = 0; p < entry.PageCount; p++)
            {
                pages.Add((s, PageEntry.Read(file.AsSpan((int)entry.MasterOffset + 8 + (p * PageEntry.Size)))));
            }
        }
        return pages;
    }

    /// <summary>Every block info of every stream, with the file offset of the info.</summary>
    public static List<(long At, BlockInfo Info)> Blocks(byte[] file) =>
        Pages(file).SelectMany(p => Enumerable.Range(0, p.Page.BlockCount).Select(i =>
        {
            long at = p.Page.Offset + 8 + (i * BlockInfo.Size);
            return (at, BlockInfo.Read(file.AsSpan((int)at)));
        })).ToList();

    /// <summary>
    /// Recomputes page CRCs, page SHA-256s in the master indexes, master SHA-256s in the header, the integrity root,
    /// the header MAC when <paramref name="masterKey"/> is given, and the header CRC.
    /// </summary>
    public static void Reseal(byte[] file, byte[]? masterKey = null)
    {
        var fields = HeaderFields.Read(file, file[38]);
        using var root = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int s = 0; s < fields.Streams.Count; s++)
        {
            var entry = fields.Streams[s];
            var master = file.AsSpan((int)entry.MasterOffset, (int)SnapshotLayout.MasterLength(entry.PageCount));
            for (int p = 0; p < entry.PageCount; p++)
            {
                var pageEntry = PageEntry.Read(master[(8 + (p * PageEntry.Size))..]);
                var page = file.AsSpan((int)pageEntry.Offset, pageEntry.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(page[^4..], Crc32C.Compute(page[..^4]));
                var sha = SHA256.HashData(page);
                sha.CopyTo(master[(8 + (p * PageEntry.Size) + 32)..]);
                root.AppendData(sha);
            }
            SHA256.HashData(master).CopyTo(file.AsSpan(SnapshotLayout.StreamTableOffset + (s * SnapshotLayout.StreamEntrySize) + 48));
        }
        if (fields.Descriptor.IsPresent)
        {
            var descriptor = new byte[32];
            fields.Descriptor.Sha256.Write(descriptor);
            root.AppendData(descriptor);
        }
        root.GetHashAndReset().CopyTo(file.AsSpan(88));
        if (masterKey is not null)
        {
            KeySet.Derive(masterKey, fields.Encryption.Salt).ComputeMac(file).CopyTo(file.AsSpan(SnapshotLayout.MacOffset));
        }
        DamageTests.FixHeaderCrc(file);
    }
}
