using System.Security.Cryptography;
using Lode.IO;

namespace Lode.Snapshots.Tests;

public sealed class ParentTests
{
    [Fact]
    public void The_same_8_MiB_in_a_later_snapshot_is_stored_only_by_the_first()
    {
        var repo = new MemoryRepository();
        var data = Snap.Random(8 << 20, 101);
        var first = repo.Write("first", null, w => w.Append("data", data));
        var second = repo.Write("second", null, w => w.Append("data", data));
        Assert.Equal(0, first.ParentBlocks);
        Assert.Equal(second.Blocks, second.ParentBlocks);
        Assert.Equal(data.Length, second.ParentBytes);
        Assert.Equal(0, second.StoredBlocks);
        Assert.True(second.StoredBytes < 64 << 10, $"{second.StoredBytes} bytes stored");
        Assert.Equal([new SnapshotParent("first", first.IntegrityRoot)], second.Parents);
        using var reader = repo.Open("second");
        Assert.Equal(second.Parents, reader.Header.Parents);
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        reader.Verify();
        Assert.Equal(1, repo.Loads["first"]);
    }

    [Fact]
    public void Inserting_1_KiB_at_the_front_of_50_MB_dedups_most_chunks_with_content_defined_chunking()
    {
        var original = Snap.Random(50_000_000, 102);
        byte[] shifted = [.. Snap.Random(1024, 103), .. original];
        var options = new SnapshotWriterOptions { Codec = CompressionCodec.None };
        var repo = new MemoryRepository();
        repo.Write("original", options, w => w.Append("data", original));
        var result = repo.Write("shifted", options, w => w.Append("data", shifted));
        Assert.True(result.ParentBlocks >= 0.9 * result.Blocks, $"{result.ParentBlocks} of {result.Blocks} chunks deduplicated");
        Assert.True(result.StoredBytes < 0.1 * shifted.Length, $"{result.StoredBytes} bytes stored");
        using var reader = repo.Open("shifted");
        var back = new byte[shifted.Length];
        Assert.Equal(back.Length, reader.ReadAt("data", 0, back));
        Assert.Equal(shifted, back);
    }

    [Fact]
    public void Inserting_1_KiB_at_the_front_defeats_fixed_size_chunking()
    {
        var original = Snap.Random(8 << 20, 104);
        byte[] shifted = [.. Snap.Random(1024, 105), .. original];
        var options = new SnapshotWriterOptions { Codec = CompressionCodec.None, Chunking = new ChunkingOptions(ChunkingMethod.Fixed, 65536, 65536, 65536) };
        var repo = new MemoryRepository();
        repo.Write("original", options, w => w.Append("data", original));
        var result = repo.Write("shifted", options, w => w.Append("data", shifted));
        Assert.True(result.ParentBlocks <= 1, $"{result.ParentBlocks} of {result.Blocks} chunks deduplicated");
    }

    [Fact]
    public void A_parent_chain_3_deep_reads_back_and_each_parent_is_opened_once()
    {
        var repo = new MemoryRepository();
        var a = Snap.Random(1 << 20, 106);
        var b = Snap.Random(1 << 20, 107);
        var c = Snap.Random(1 << 20, 108);
        repo.Write("a", Snap.Small, w => w.Append("data", a));
        // Each later snapshot names a block of its predecessor that is itself a parent block, so reading the newest
        // walks d -> c -> b -> a.
        repo.Write("b", Snap.Small.WithLookup(new ChainLookup(repo, "a")), w => w.Append("data", [.. a, .. b]));
        repo.Write("c", Snap.Small.WithLookup(new ChainLookup(repo, "b")), w => w.Append("data", [.. a, .. b, .. c]));
        repo.Write("d", Snap.Small.WithLookup(new ChainLookup(repo, "c")), w => w.Append("data", [.. c, .. a]));
        using var reader = repo.Open("d");
        Assert.Equal([new SnapshotParent("c", Root(repo, "c"))], reader.Header.Parents);
        Assert.Equal([.. c, .. a], Snap.ReadAll(reader, "data"));
        reader.Verify();
        Assert.Equal(new Dictionary<string, int> { ["c"] = 1, ["b"] = 1, ["a"] = 1 }, repo.Loads.ToDictionary());
    }

    [Fact]
    public void A_parent_block_whose_hash_does_not_match_is_an_error_not_data()
    {
        var repo = new MemoryRepository();
        var fixedBlocks = new SnapshotWriterOptions { Chunking = new ChunkingOptions(ChunkingMethod.Fixed, 4096, 4096, 4096) };
        repo.Write("parent", fixedBlocks, w => w.Append("data", Snap.Random(256 << 10, 109)));
        // A faulty lookup answers every hash with block 0 of the parent (same length, other bytes).
        var wrong = new FixedLookup(new ParentBlockRef("parent", Root(repo, "parent"), 0, 0, 4096));
        repo.Write("child", fixedBlocks.WithLookup(wrong), w => w.Append("data", Snap.Random(256 << 10, 110)), dedup: false);
        using var reader = repo.Open("child", blockCacheBytes: 0);
        var e = Assert.Throws<SnapshotCorruptException>(() => Snap.ReadAll(reader, "data"));
        Assert.Equal("data", e.Stream);
        Assert.Throws<SnapshotCorruptException>(() => reader.Verify());
    }

    [Fact]
    public void A_parent_with_another_root_is_refused()
    {
        var repo = ParentAndChild(111);
        repo.Write("impostor", Snap.Small, w => w.Append("data", Snap.Random(64 << 10, 112)), dedup: false);
        repo["parent"] = repo["impostor"];
        using var reader = repo.Open("child");
        var e = Assert.Throws<SnapshotCorruptException>(() => reader.ReadAt("data", 0, new byte[10]));
        Assert.Contains("integrity root", e.Message);
    }

    [Fact]
    public void A_missing_parent_is_a_parent_not_found_error()
    {
        var repo = ParentAndChild(113);
        var source = new MemoryByteSource(repo["child"]);
        using (var noLoader = SnapshotReader.Open(source))
        {
            var e = Assert.Throws<ParentSnapshotNotFoundException>(() => noLoader.ReadAt("data", 0, new byte[10]));
            Assert.Equal("parent", e.SnapshotId);
            Assert.Contains("ParentLoader", e.Message);
        }
        using (var throwing = SnapshotReader.Open(source, new SnapshotReaderOptions { ParentLoader = id => throw new FileNotFoundException($"no {id}") }))
        {
            var e = Assert.Throws<ParentSnapshotNotFoundException>(() => throwing.ReadAt("data", 0, new byte[10]));
            Assert.IsType<FileNotFoundException>(e.InnerException);
        }
        using var nulls = SnapshotReader.Open(source, new SnapshotReaderOptions { ParentLoader = _ => null! });
        Assert.Throws<ParentSnapshotNotFoundException>(() => nulls.Verify());
    }

    [Fact]
    public void A_cycle_in_the_parent_chain_is_detected()
    {
        var repo = new MemoryRepository();
        var data = Snap.Random(64 << 10, 114);
        repo.Write("base", Snap.Small, w => w.Append("data", data));
        repo.Write("middle", Snap.Small, w => w.Append("data", data));
        // The newest snapshot is opened as "base", so its grandparent "base" is its own ancestor.
        repo.Write("top", Snap.Small.WithLookup(new ChainLookup(repo, "middle")), w => w.Append("data", data), dedup: false);
        var options = repo.Options("top");
        using var reader = SnapshotReader.Open(new MemoryByteSource(repo["top"]), new SnapshotReaderOptions
        {
            SnapshotId = "base",
            ParentLoader = options.ParentLoader,
        });
        var e = Assert.Throws<SnapshotFormatException>(() => reader.ReadAt("data", 0, new byte[10]));
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void A_loader_that_returns_another_snapshot_is_refused()
    {
        var repo = ParentAndChild(115);
        using var reader = SnapshotReader.Open(new MemoryByteSource(repo["child"]), new SnapshotReaderOptions
        {
            ParentLoader = _ => SnapshotReader.Open(new MemoryByteSource(repo["parent"]), new SnapshotReaderOptions { SnapshotId = "other" }),
        });
        Assert.Throws<ParentSnapshotNotFoundException>(() => reader.ReadAt("data", 0, new byte[10]));
    }

    [Fact]
    public void Concurrent_readers_of_a_child_open_each_parent_once_and_get_the_right_bytes()
    {
        var repo = new MemoryRepository();
        var a = Snap.Random(1 << 20, 120);
        var b = Snap.Random(1 << 20, 121);
        repo.Write("a", Snap.Small, w => w.Append("data", a));
        repo.Write("b", Snap.Small, w => w.Append("data", b));
        byte[] data = [.. b, .. Snap.Random(100_000, 122), .. a];
        repo.Write("c", Snap.Small, w => w.Append("data", data));
        using var reader = repo.Open("c", blockCacheBytes: 256 << 10);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            var random = new Random(t);
            var buffer = new byte[50_000];
            for (int i = 0; i < 100; i++)
            {
                long offset = random.NextInt64(data.Length);
                int n = reader.ReadAt("data", offset, buffer);
                Assert.True(buffer.AsSpan(0, n).SequenceEqual(data.AsSpan((int)offset, n)), $"thread {t} read {i}");
            }
        });
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 1 }, repo.Loads.ToDictionary());
    }

    [Fact]
    public async Task A_slow_parent_load_does_not_hold_up_reads_of_another_parent()
    {
        var repo = new MemoryRepository();
        var a = Snap.Random(256 << 10, 123);
        var b = Snap.Random(256 << 10, 124);
        repo.Write("a", Snap.Small, w => w.Append("data", a));
        repo.Write("b", Snap.Small, w => w.Append("data", b));
        byte[] data = [.. b, .. Snap.Random(50_000, 125), .. a];
        repo.Write("c", Snap.Small, w => w.Append("data", data));
        using var loadingB = new ManualResetEventSlim();
        using var releaseB = new ManualResetEventSlim();
        var options = repo.Options("c");
        using var reader = SnapshotReader.Open(new MemoryByteSource(repo["c"]), new SnapshotReaderOptions
        {
            SnapshotId = "c",
            ParentLoader = id =>
            {
                if (id == "b")
                {
                    loadingB.Set();
                    // Bounded, so a broken implementation fails the test instead of hanging it.
                    releaseB.Wait(TimeSpan.FromSeconds(60));
                }
                return options.ParentLoader!(id);
            },
        });
        var readB = Task.Run(() => reader.ReadAt("data", 0, new byte[1000]));
        Assert.True(loadingB.Wait(TimeSpan.FromSeconds(60)));

        var buffer = new byte[1000];
        var readA = Task.Run(() => reader.ReadAt("data", data.Length - buffer.Length, buffer));
        bool aDoneWhileBLoads = await Task.WhenAny(readA, Task.Delay(TimeSpan.FromSeconds(10))) == readA;
        releaseB.Set();

        Assert.True(aDoneWhileBLoads, "the read of parent a waited for the load of parent b");
        Assert.Equal(data.AsSpan(data.Length - buffer.Length).ToArray(), buffer);
        Assert.Equal(1000, await readB);
        await readA;
    }

    [Fact]
    public void Disposing_a_child_disposes_the_parents_it_opened()
    {
        var repo = ParentAndChild(116);
        SnapshotReader? parent = null;
        var reader = SnapshotReader.Open(new MemoryByteSource(repo["child"]), new SnapshotReaderOptions
        {
            ParentLoader = id => parent = repo.Open(id),
        });
        Assert.Equal(10, reader.ReadAt("data", 0, new byte[10]));
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => parent!.ReadAt("data", 0, new byte[1]));
    }

    [Fact]
    public void Block_index_refuses_snapshots_under_another_key_and_ignores_a_snapshot_added_twice()
    {
        var plain = new MemoryRepository();
        var data = Snap.Random(256 << 10, 117);
        plain.Write("p", Snap.Small, w => w.Append("data", data));
        int count = plain.Index.Count;
        using (var again = plain.Open("p"))
        {
            plain.Index.AddStoredBlocks("p", again);
        }
        Assert.Equal(count, plain.Index.Count);
        Assert.Equal(1, plain.Index.SnapshotCount);
        var keyed = new MemoryRepository(SnapshotEncryption.FromKey(new byte[32]));
        keyed.Write("k", Snap.Small, w => w.Append("data", data));
        using var encrypted = keyed.Open("k");
        Assert.Throws<ArgumentException>(() => plain.Index.AddStoredBlocks("k", encrypted));
        Assert.Throws<ArgumentException>(() => plain.Index.AddStoredBlocks("p", encrypted));
        using var output = new MemoryStream();
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, new SnapshotWriterOptions
        {
            BlockLookup = plain.Index,
            Encryption = SnapshotEncryption.FromKey(new byte[32]),
        }));
    }

    [Fact]
    public void Block_index_answers_exact_hashes_from_many_threads()
    {
        var repo = new MemoryRepository();
        var data = Snap.Random(1 << 20, 118);
        repo.Write("s", Snap.Small, w => w.Append("data", data));
        using var reader = repo.Open("s");
        var blocks = reader.GetBlocks("data", 0, data.Length);
        Parallel.ForEach(blocks, block =>
        {
            var hash = new byte[32];
            block.Hash.CopyTo(hash);
            Assert.True(repo.Index.TryFind(hash, out var found));
            Assert.Equal(new ParentBlockRef("s", reader.Header.IntegrityRoot, 0, block.BlockNumber, block.Length), found);
            hash[31] ^= 1;
            Assert.False(repo.Index.TryFind(hash, out _));
        });
        Assert.Throws<ArgumentException>(() => repo.Index.TryFind(new byte[16], out _));
    }

    [Fact]
    public void GetBlocks_lists_the_blocks_of_a_range_with_their_sha256()
    {
        var data = Snap.Random(200_000, 119);
        using var reader = Snap.Open(Snap.WriteBytes(Snap.Small, w => w.Append("data", data)));
        var all = reader.GetBlocks("data", 0, long.MaxValue);
        Assert.Equal(reader.Header.Streams[0].BlockCount, all.Count);
        long offset = 0;
        foreach (var block in all)
        {
            Assert.Equal(offset, block.Offset);
            Assert.Equal(SnapshotBlockKind.Stored, block.Kind);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data.AsSpan((int)offset, block.Length))), block.Hash.ToString());
            offset += block.Length;
        }
        Assert.Equal(data.Length, offset);
        var some = reader.GetBlocks("data", all[3].Offset + 1, all[5].Offset - all[3].Offset);
        Assert.Equal(all.Skip(3).Take(3), some);
        Assert.Empty(reader.GetBlocks("data", data.Length, 10));
    }

    /// <summary>A parent and a child made only of parent blocks into it.</summary>
    private static MemoryRepository ParentAndChild(int seed)
    {
        var repo = new MemoryRepository();
        var data = Snap.Random(64 << 10, seed);
        repo.Write("parent", Snap.Small, w => w.Append("data", data));
        repo.Write("child", Snap.Small, w => w.Append("data", data));
        return repo;
    }

    private static string Root(MemoryRepository repo, string id)
    {
        using var reader = repo.Open(id);
        return reader.Header.IntegrityRoot;
    }

    /// <summary>Answers every hash with the block of snapshot <c>id</c> that has it, parent blocks included.</summary>
    private sealed class ChainLookup : ISnapshotBlockLookup
    {
        private readonly Dictionary<BlockHash, ParentBlockRef> _blocks = [];

        public ChainLookup(MemoryRepository repo, string id)
        {
            using var reader = repo.Open(id);
            foreach (var block in reader.GetBlocks("data", 0, long.MaxValue))
            {
                _blocks.TryAdd(block.Hash, new ParentBlockRef(id, reader.Header.IntegrityRoot, 0, block.BlockNumber, block.Length));
            }
        }

        public bool TryFind(ReadOnlySpan<byte> hash, out ParentBlockRef block) => _blocks.TryGetValue(new BlockHash(hash), out block);
    }

    /// <summary>Answers every hash with the same block: a faulty lookup.</summary>
    private sealed class FixedLookup(ParentBlockRef answer) : ISnapshotBlockLookup
    {
        public bool TryFind(ReadOnlySpan<byte> hash, out ParentBlockRef block)
        {
            block = answer;
            return true;
        }
    }
}
