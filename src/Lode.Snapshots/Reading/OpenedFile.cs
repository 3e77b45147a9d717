using System.Security.Cryptography;
using Lode.IO;
using Lode.Snapshots.Crypto;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Reading;

/// <summary>
/// Everything <see cref="SnapshotReader.Open"/> validates before a block is read: header, key and MAC, descriptor,
/// master indexes, integrity root and dictionary.
/// </summary>
internal sealed class OpenedFile
{
    private OpenedFile(HeaderFields fields, StreamIndex[] streams, IReadOnlyList<ParentEntry> parents, BlockTransform transform, int dictionaryLength, IDisposable[] owned)
    {
        Fields = fields;
        Streams = streams;
        Parents = parents;
        Transform = transform;
        DictionaryLength = dictionaryLength;
        Owned = owned;
    }

    public HeaderFields Fields { get; }

    public StreamIndex[] Streams { get; }

    public IReadOnlyList<ParentEntry> Parents { get; }

    public BlockTransform Transform { get; }

    public int DictionaryLength { get; }

    /// <summary>The cipher and dictionary, for the reader to dispose.</summary>
    public IDisposable[] Owned { get; }

    /// <summary>Validates the file in the order the format requires (docs/format.md, "Reading").</summary>
    public static OpenedFile Load(IByteSource source, SnapshotEncryption? encryption, List<string> warnings)
    {
        Span<byte> header = stackalloc byte[SnapshotLayout.HeaderSize];
        var fields = HeaderValidator.Read(source, header, warnings);
        var keys = Authenticate(fields, header, encryption);
        var descriptor = LoadDescriptor(source, fields);
        var streams = new StreamIndex[fields.Streams.Count];
        using var root = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> digest = stackalloc byte[Sha256Digest.Size];
        for (int i = 0; i < streams.Length; i++)
        {
            streams[i] = StreamIndex.Load(source, fields.Streams[i], i, descriptor?.Streams[i] ?? fields.Defaults);
            foreach (var page in streams[i].Pages)
            {
                page.Sha256.Write(digest);
                root.AppendData(digest);
            }
        }
        if (descriptor is not null)
        {
            fields.Descriptor.Sha256.Write(digest);
            root.AppendData(digest);
        }
        root.GetHashAndReset(digest);
        var actual = Sha256Digest.Read(digest);
        if (actual != fields.IntegrityRoot)
        {
            throw new SnapshotCorruptException(
                $"The snapshot's integrity root does not match its index pages: SHA-256 {fields.IntegrityRoot} expected, {actual} found.",
                "", -1, fields.IntegrityRoot.ToString(), actual.ToString());
        }
        var cipher = keys is null ? null : new BlockCipher(keys.BlockKey);
        try
        {
            var dictionary = LoadDictionary(source, descriptor, cipher);
            var transform = new BlockTransform(cipher, dictionary, keys is null ? BlockHasher.Plain : BlockHasher.Keyed(keys));
            IDisposable[] owned = [.. new IDisposable?[] { cipher, dictionary }.OfType<IDisposable>()];
            return new OpenedFile(fields, streams, descriptor?.Parents ?? [], transform, descriptor?.DictionaryLength ?? 0, owned);
        }
        catch
        {
            cipher?.Dispose();
            throw;
        }
    }

    private static KeySet? Authenticate(HeaderFields fields, ReadOnlySpan<byte> header, SnapshotEncryption? encryption)
    {
        var e = fields.Encryption;
        if (!e.IsEncrypted)
        {
            return encryption is null ? null : throw new SnapshotAuthenticationException(
                "The snapshot is not encrypted, but a key was given: it may have been replaced by an unencrypted file. Open it without SnapshotReaderOptions.Encryption only if that is expected.");
        }
        if (encryption is null)
        {
            throw new SnapshotAuthenticationException(
                $"The snapshot is encrypted ({(e.Kdf == KdfId.Pbkdf2Sha256 ? "password" : "raw key")}); pass its key or password in SnapshotReaderOptions.Encryption.");
        }
        var keys = KeySet.Derive(encryption.DeriveMasterKey(e.Kdf, e.Salt, e.Iterations), e.Salt);
        if (!CryptographicOperations.FixedTimeEquals(keys.CheckValue, e.CheckValue))
        {
            throw new SnapshotAuthenticationException(
                "The key or password is wrong for this snapshot (its key check value does not match); nothing was read.");
        }
        if (!CryptographicOperations.FixedTimeEquals(keys.ComputeMac(header), fields.Mac))
        {
            throw new SnapshotAuthenticationException(
                "The snapshot header fails its MAC: the header or index was tampered with (the key is right).");
        }
        return keys;
    }

    private static Descriptor? LoadDescriptor(IByteSource source, HeaderFields fields)
    {
        if (!fields.RequiredFeatures.HasFlag(Features.Descriptor))
        {
            return null;
        }
        var where = fields.Descriptor;
        var descriptor = Descriptor.Decode(ReadChecked(source, where, "descriptor"), where.Offset, fields.StreamCount);
        bool parentsMatch = fields.RequiredFeatures.HasFlag(Features.ParentBlocks) == (descriptor.Parents.Count > 0);
        bool dictionaryMatches = fields.RequiredFeatures.HasFlag(Features.Dictionary) == descriptor.Dictionary.IsPresent;
        if (!parentsMatch || !dictionaryMatches)
        {
            throw new SnapshotFormatException(
                $"The header's feature bits ({(uint)fields.RequiredFeatures:x}) disagree with the descriptor ({descriptor.Parents.Count} parents, dictionary {(descriptor.Dictionary.IsPresent ? "present" : "absent")}).", 32);
        }
        return descriptor;
    }

    private static ZstdDictionary? LoadDictionary(IByteSource source, Descriptor? descriptor, BlockCipher? cipher)
    {
        if (descriptor is null || !descriptor.Dictionary.IsPresent)
        {
            return null;
        }
        var where = descriptor.Dictionary;
        int overhead = cipher is null ? 0 : SnapshotLayout.CipherOverhead;
        int plainLength = descriptor.DictionaryLength;
        if (plainLength is < 1 or > SnapshotLayout.MaxDictionaryLength || where.Length != plainLength + overhead || !where.FitsIn(source.Length, int.MaxValue))
        {
            throw new SnapshotFormatException(
                $"The dictionary ({plainLength} bytes, {where.Length} stored at {where.Offset}) does not fit the file or the 1 MiB limit.", where.Offset);
        }
        var stored = ReadChecked(source, where, "dictionary");
        if (cipher is null)
        {
            return new ZstdDictionary(stored);
        }
        var plain = new byte[plainLength];
        return cipher.TryDecrypt(stored, plain)
            ? new ZstdDictionary(plain)
            : throw new SnapshotAuthenticationException("The dictionary fails its AES-GCM tag: it was tampered with.");
    }

    /// <summary>Reads a region (already checked to lie inside the file) and checks its SHA-256.</summary>
    private static byte[] ReadChecked(IByteSource source, RegionRef where, string what)
    {
        var bytes = source.ReadBytes(where.Offset, where.Length);
        var actual = Sha256Digest.Compute(bytes);
        return actual == where.Sha256 ? bytes : throw new SnapshotCorruptException(
            $"The {what} (at offset {where.Offset}) is corrupt: SHA-256 {where.Sha256} expected, {actual} found.",
            "", -1, where.Sha256.ToString(), actual.ToString());
    }
}
