using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Tests;

public sealed class EncryptionTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] Marker = "LODE-SECRET-MARKER-0123456789"u8.ToArray();

    private static byte[] Secret(int length)
    {
        var text = Snap.Text(length, 301);
        for (int at = 0; at + Marker.Length < length; at += 10_000)
        {
            Marker.CopyTo(text, at);
        }
        return text;
    }

    private static byte[] Write(SnapshotEncryption encryption, byte[] data, CompressionCodec codec = CompressionCodec.Zstd, bool dictionary = false) =>
        Snap.WriteBytes(new SnapshotWriterOptions
        {
            Codec = codec,
            Encryption = encryption,
            TrainDictionary = dictionary,
            DictionarySampleBytes = 64 << 10,
            Chunking = new ChunkingOptions(ChunkingMethod.FastCdc, 1024, 4096, 16384),
        }, w =>
        {
            w.Append("data", data);
            w.Append("meta", Marker);
        });

    private static SnapshotReader Open(byte[] file, SnapshotEncryption? encryption, IByteSource? source = null) =>
        SnapshotReader.Open(source ?? new MemoryByteSource(file), new SnapshotReaderOptions { Encryption = encryption });

    [Theory]
    [InlineData(CompressionCodec.None)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4)]
    public void Every_codec_round_trips_encrypted_and_no_plaintext_is_in_the_file(CompressionCodec codec)
    {
        var data = Secret(300_000);
        var file = Write(SnapshotEncryption.FromKey(Key), data, codec);
        Assert.Equal(-1, file.AsSpan().IndexOf(Marker));
        Assert.Equal(-1, file.AsSpan().IndexOf("snapshot block"u8));
        using var reader = Open(file, SnapshotEncryption.FromKey(Key));
        Assert.True(reader.Header.IsEncrypted);
        Assert.False(reader.Header.IsPasswordProtected);
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        Assert.Equal(Marker, Snap.ReadAll(reader, "meta"));
        reader.Verify();
    }

    [Fact]
    public void A_password_protected_snapshot_with_a_dictionary_round_trips_and_hides_the_dictionary()
    {
        var data = Secret(400_000);
        var file = Write(SnapshotEncryption.FromPassword("correct horse"), data, dictionary: true);
        Assert.Equal(-1, file.AsSpan().IndexOf(Marker));
        Assert.Equal(-1, file.AsSpan().IndexOf("master"u8));
        using var reader = Open(file, SnapshotEncryption.FromPassword("correct horse"));
        Assert.True(reader.Header.IsPasswordProtected);
        Assert.True(reader.Header.DictionaryLength > 0);
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        reader.Verify();
    }

    [Fact]
    public void A_wrong_password_is_refused_before_any_block_is_read()
    {
        var file = Write(SnapshotEncryption.FromPassword("correct horse"), Secret(100_000));
        var counting = new CountingSource(file);
        var e = Assert.Throws<SnapshotAuthenticationException>(() => Open(file, SnapshotEncryption.FromPassword("wrong horse"), counting));
        Assert.Contains("wrong", e.Message);
        Assert.Equal(SnapshotLayout.HeaderSize, counting.BytesRead);
    }

    [Fact]
    public void A_missing_or_mismatched_key_is_a_clear_error()
    {
        var file = Write(SnapshotEncryption.FromKey(Key), Secret(10_000));
        Assert.Contains("SnapshotReaderOptions.Encryption", Assert.Throws<SnapshotAuthenticationException>(() => Open(file, null)).Message);
        Assert.Contains("raw key", Assert.Throws<SnapshotAuthenticationException>(() => Open(file, SnapshotEncryption.FromPassword("x"))).Message);
        Assert.Throws<SnapshotAuthenticationException>(() => Open(file, SnapshotEncryption.FromKey(new byte[32])));
        var plain = Snap.WriteBytes(null, w => w.Append("data", Secret(10_000)));
        Assert.Contains("not encrypted", Assert.Throws<SnapshotAuthenticationException>(() => Open(plain, SnapshotEncryption.FromKey(Key))).Message);
    }

    [Fact]
    public void Tampered_ciphertext_is_detected_by_its_crc_and_with_a_forged_index_by_its_tag()
    {
        var file = Write(SnapshotEncryption.FromKey(Key), Secret(100_000));
        var (at, info) = FileSurgery.Blocks(file).First(b => b.Info.Kind == SnapshotBlockKind.Stored);
        file[info.StoredOffset + 20] ^= 1;
        using (var reader = Open(file, SnapshotEncryption.FromKey(Key)))
        {
            Assert.Throws<SnapshotCorruptException>(() => Snap.ReadAll(reader, "data"));
        }
        // An attacker who also fixes the CRC in the index (and, knowing the key, every hash and the MAC) still
        // cannot forge the AES-GCM tag.
        var forged = info with { Crc = Crc32C.Compute(file.AsSpan((int)info.StoredOffset, info.StoredLength)) };
        forged.Write(file.AsSpan((int)at));
        FileSurgery.Reseal(file, Key);
        using (var reader = Open(file, SnapshotEncryption.FromKey(Key)))
        {
            Assert.Throws<SnapshotAuthenticationException>(() => Snap.ReadAll(reader, "data"));
            Assert.Throws<SnapshotAuthenticationException>(() => reader.Verify());
        }
    }

    [Fact]
    public void A_tampered_index_is_detected_by_the_header_mac()
    {
        var file = Write(SnapshotEncryption.FromKey(Key), Secret(100_000));
        var (at, info) = FileSurgery.Blocks(file)[1];
        (info with { LogicalLength = info.LogicalLength - 1 }).Write(file.AsSpan((int)at));
        FileSurgery.Reseal(file);
        var e = Assert.Throws<SnapshotAuthenticationException>(() => Open(file, SnapshotEncryption.FromKey(Key)));
        Assert.Contains("MAC", e.Message);
    }

    [Fact]
    public void Nonces_are_never_reused_and_zero_chunks_are_not_revealed()
    {
        byte[] data = [.. Secret(200_000), .. new byte[100_000], .. Secret(50_000)];
        var files = new[] { Write(SnapshotEncryption.FromKey(Key), data), Write(SnapshotEncryption.FromKey(Key), data) };
        var nonces = new HashSet<string>();
        foreach (var file in files)
        {
            var blocks = FileSurgery.Blocks(file);
            Assert.DoesNotContain(blocks, b => b.Info.Kind == SnapshotBlockKind.Zero);
            foreach (var (_, info) in blocks.Where(b => b.Info.Kind == SnapshotBlockKind.Stored))
            {
                Assert.True(nonces.Add(Convert.ToHexString(file.AsSpan((int)info.StoredOffset, 12))));
            }
        }
        using var reader = Open(files[0], SnapshotEncryption.FromKey(Key));
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
    }

    [Fact]
    public void Snapshots_under_one_key_dedup_with_keyed_hashes()
    {
        var repo = new MemoryRepository(SnapshotEncryption.FromKey(Key));
        var data = Snap.Random(1 << 20, 302);
        repo.Write("one", null, w => w.Append("data", data));
        var second = repo.Write("two", null, w => w.Append("data", data));
        Assert.Equal(second.Blocks, second.ParentBlocks);
        using var reader = repo.Open("two");
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        var block = reader.GetBlocks("data", 0, 1)[0];
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data.AsSpan(0, block.Length))), block.Hash.ToString());
    }

    [Fact]
    public void Password_protected_snapshots_cannot_share_a_block_index()
    {
        var first = Write(SnapshotEncryption.FromPassword("pw"), Secret(50_000));
        var index = new SnapshotBlockIndex();
        using (var reader = Open(first, SnapshotEncryption.FromPassword("pw")))
        {
            index.AddStoredBlocks("first", reader);
        }
        using var output = new MemoryStream();
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, new SnapshotWriterOptions
        {
            BlockLookup = index,
            Encryption = SnapshotEncryption.FromPassword("pw"),
        }));
    }

    [Fact]
    public void Bad_keys_and_passwords_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SnapshotEncryption.FromKey(new byte[31]));
        Assert.Throws<ArgumentException>(() => SnapshotEncryption.FromPassword(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => SnapshotEncryption.FromPassword("pw", 1000));
        Assert.Equal(600_000, SnapshotEncryption.FromPassword("pw").Iterations);
    }
}
