using System.Buffers.Binary;
using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Tests;

/// <summary>
/// Damage to files of each 1.x flavour: truncation at every region boundary and random mutations (10 000 per
/// flavour by default; set LODE_FUZZ_MUTATIONS for a longer campaign). Only typed errors or the right bytes.
/// </summary>
public sealed class FuzzTests
{
    public enum Flavour
    {
        /// <summary>No 1.1 feature: the 1.0 layout.</summary>
        Plain,

        /// <summary>Encrypted, with a dictionary and per-stream settings.</summary>
        Encrypted,

        /// <summary>Parent blocks into an (undamaged) parent, per-stream settings.</summary>
        Child,
    }

    internal static readonly byte[] Data = [.. Snap.Text(40_000, 41), .. new byte[5000], .. Snap.Random(9000, 42)];
    private static readonly byte[] Meta = Snap.Text(3000, 43);
    private static readonly byte[] Key = new byte[32];
    private static readonly ChunkingOptions Fixed2K = new(ChunkingMethod.Fixed, 1024, 2048, 2048);
    private static readonly Dictionary<string, SnapshotStreamOptions> MetaLz4 = new() { ["meta"] = new() { Codec = CompressionCodec.Lz4 } };
    private static readonly MemoryRepository Parents = MakeParent();
    private static readonly Dictionary<Flavour, byte[]> Files = new()
    {
        [Flavour.Plain] = Write(new SnapshotWriterOptions { Chunking = Fixed2K }),
        [Flavour.Encrypted] = Write(new SnapshotWriterOptions
        {
            Chunking = Fixed2K,
            StreamOptions = MetaLz4,
            Encryption = SnapshotEncryption.FromKey(Key),
            TrainDictionary = true,
            DictionarySampleBytes = 64 << 10,
        }),
        [Flavour.Child] = Write(new SnapshotWriterOptions { Chunking = Fixed2K, StreamOptions = MetaLz4, BlockLookup = Parents.Index }),
    };

    /// <summary>A valid file with the 1.0 layout.</summary>
    internal static byte[] PlainFile => Files[Flavour.Plain];

    private static int Mutations => int.TryParse(Environment.GetEnvironmentVariable("LODE_FUZZ_MUTATIONS"), out int n) ? n : 10_000;

    private static MemoryRepository MakeParent()
    {
        var repo = new MemoryRepository();
        repo.Write("parent", new SnapshotWriterOptions { Chunking = Fixed2K }, w => w.Append("data", Data.AsSpan(0, 30_000)));
        return repo;
    }

    private static byte[] Write(SnapshotWriterOptions options) => Snap.WriteBytes(options, w =>
    {
        w.Append("data", Data);
        w.Append("meta", Meta);
    });

    private static SnapshotReaderOptions Options(Flavour flavour) => new()
    {
        BlockCacheBytes = 0,
        Encryption = flavour == Flavour.Encrypted ? SnapshotEncryption.FromKey(Key) : null,
        ParentLoader = flavour == Flavour.Child ? id => Parents.Open(id, 0) : null,
    };

    /// <summary>Opens, reads every stream and verifies; returns the exception, or null when all bytes came back right.</summary>
    internal static SnapshotException? ReadEverything(Flavour flavour, byte[] file)
    {
        try
        {
            using var reader = SnapshotReader.Open(new MemoryByteSource(file), Options(flavour));
            Assert.Equal(Data, Snap.ReadAll(reader, "data"));
            Assert.Equal(Meta, Snap.ReadAll(reader, "meta"));
            reader.Verify();
            return null;
        }
        catch (SnapshotException e)
        {
            return e;
        }
    }

    [Theory]
    [InlineData(Flavour.Plain)]
    [InlineData(Flavour.Encrypted)]
    [InlineData(Flavour.Child)]
    public void The_undamaged_file_of_each_flavour_reads_back(Flavour flavour)
    {
        Assert.Null(ReadEverything(flavour, Files[flavour]));
        var features = HeaderFields.Read(Files[flavour], 2).RequiredFeatures;
        Assert.Equal(flavour switch
        {
            Flavour.Plain => Features.None,
            Flavour.Encrypted => Features.Descriptor | Features.Encryption | Features.Dictionary,
            _ => Features.Descriptor | Features.ParentBlocks,
        }, features);
    }

    [Theory]
    [InlineData(Flavour.Plain)]
    [InlineData(Flavour.Encrypted)]
    [InlineData(Flavour.Child)]
    public void Truncation_at_every_region_boundary_is_a_format_error(Flavour flavour)
    {
        var file = Files[flavour];
        var cuts = new SortedSet<long> { 0, 1, 8, 12, 1023 };
        foreach (var (start, length) in Regions(file))
        {
            cuts.UnionWith([start, start + 1, start + length - 1, start + length]);
        }
        cuts.RemoveWhere(c => c >= file.Length);
        Assert.True(cuts.Count > 50, $"{cuts.Count} cuts");
        foreach (long cut in cuts)
        {
            Assert.IsType<SnapshotFormatException>(ReadEverything(flavour, file[..(int)cut]));
        }
    }

    [Theory]
    [InlineData(Flavour.Plain)]
    [InlineData(Flavour.Encrypted)]
    [InlineData(Flavour.Child)]
    public void Random_mutations_give_typed_errors_or_the_right_bytes(Flavour flavour)
    {
        var file = Files[flavour];
        var random = new Random(45 + (int)flavour);
        int damaged = 0;
        int mutations = Mutations;
        for (int i = 0; i < mutations; i++)
        {
            var (mutated, checksummed) = Mutate(file, random);
            bool mustDetect = (checksummed || flavour == Flavour.Encrypted) && !mutated.AsSpan().SequenceEqual(file);
            damaged += mustDetect ? 1 : 0;
            try
            {
                var error = ReadEverything(flavour, mutated);
                Assert.True(error is not null || !mustDetect, $"Mutation {i} changed checksummed bytes but was not detected.");
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"Mutation {i} raised {e.GetType().Name}, not a SnapshotException: {e}");
            }
        }
        Assert.True(damaged > mutations / 2, $"only {damaged} mutations damaged checksummed bytes");
    }

    /// <summary>Every region of the file: header, dictionary, stored blocks, index pages, master indexes, descriptor.</summary>
    private static IEnumerable<(long Start, int Length)> Regions(byte[] file)
    {
        var fields = HeaderFields.Read(file, 2);
        yield return (0, SnapshotLayout.HeaderSize);
        if (fields.Descriptor.IsPresent)
        {
            yield return (fields.Descriptor.Offset, fields.Descriptor.Length);
            var dictionary = RegionRef.Read(file.AsSpan((int)fields.Descriptor.Offset + 16));
            if (dictionary.IsPresent)
            {
                yield return (dictionary.Offset, dictionary.Length);
            }
        }
        foreach (var (_, page) in FileSurgery.Pages(file))
        {
            yield return (page.Offset, page.Length);
        }
        foreach (var stream in fields.Streams)
        {
            yield return (stream.MasterOffset, (int)SnapshotLayout.MasterLength(stream.PageCount));
        }
        foreach (var (_, info) in FileSurgery.Blocks(file).Where(b => b.Info.Kind == SnapshotBlockKind.Stored))
        {
            yield return (info.StoredOffset, info.StoredLength);
        }
    }

    /// <summary>A mutated copy, and whether every byte it changed is covered by a checksum.</summary>
    private static (byte[] File, bool Checksummed) Mutate(byte[] file, Random random)
    {
        var copy = (byte[])file.Clone();
        switch (random.Next(4))
        {
            case 0:
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return (copy, true);
            case 1:
                int at = random.Next(copy.Length - 8);
                random.NextBytes(copy.AsSpan(at, random.Next(1, 9)));
                return (copy, true);
            case 2:
                return (copy[..random.Next(copy.Length)], true);
            default:
                // A structurally plausible lie: a field rewritten with a valid header CRC.
                BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan(8 * random.Next(2, 120)), random.NextInt64(-4, 1L << 40));
                DamageTests.FixHeaderCrc(copy);
                return (copy, false);
        }
    }
}
