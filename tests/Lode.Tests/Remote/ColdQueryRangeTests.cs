using System.Text;
using Lode.ObjectStorage;
using Xunit.Abstractions;

namespace Lode.Tests.Remote;

/// <summary>
/// Issue 5's goal "a cold query on an index behind the disk cache touches a handful of ranges": a search through an
/// empty cache in range-only mode (every read is a range GET, nothing is filled) reads a few ranges per index shard,
/// never whole shards or the whole container.
/// </summary>
public sealed class ColdQueryRangeTests(RemoteFixture fixture, ITestOutputHelper output) : IClassFixture<RemoteFixture>
{
    private const int Shards = 8;

    /// <summary>
    /// 1 MiB shards: each shard's section is 16 blocks of text and 48 of suffix array (3-byte entries), more blocks
    /// than a query needs, so reading whole shards would show. (With 64 KiB shards the whole index of 8 shards fits
    /// in the 2 MiB tail that opening a container prefetches, and the query itself reads nearly nothing.)
    /// </summary>
    private const int ShardSize = 1 << 20;

    /// <summary>The index stream's compression block (docs/format.md): the unit of a range GET of the index.</summary>
    private const int IndexBlock = 64 << 10;

    [Fact]
    public void A_cold_query_reads_a_few_blocks_per_shard_not_whole_shards_or_the_container()
    {
        string tree = fixture.NewDirectory("tree");
        MakeText(tree);
        string location = "s3://lode/cold-query/" + Guid.NewGuid().ToString("N")[..12];
        SnapshotManifest manifest;
        using (var repository = Repository.OpenOrInit(location, fixture.Options()))
        {
            manifest = repository.CreateSnapshot(tree, new SnapshotOptions { IndexShardSize = ShardSize }).Manifest;
        }
        RecordingStore? recording = null;
        var options = fixture.Options(wrap: s => recording = new RecordingStore(s)) with
        {
            DataReads = CacheMode.RangeOnly,
            IndexReads = CacheMode.RangeOnly,
        };
        (int Ranges, long Bytes) Fetched() =>
            (recording!.RangesOf(manifest.DataKey).Count(), recording.RangesOf(manifest.DataKey).Sum(r => (long)r.Length));

        int shards;
        (int Ranges, long Bytes) atOpen, indexOpen, found, searched;
        using (var repository = Repository.Open(location, options))
        using (var view = repository.OpenSnapshot("latest"))
        {
            atOpen = Fetched(); // the container's head and 2 MiB tail, prefetched at open
            shards = view.Index.Shards.Length;
            indexOpen = Fetched(); // + each shard's sampled top level
            view.Index.FindMatches("rare-needle-5"u8.ToArray());
            found = Fetched(); // + the binary searches
            Assert.Equal(["needle.txt:2:rare-needle-5 here"], RemoteRepositoryTests.SearchLines(view, "rare-needle-5"));
            searched = Fetched(); // + the matching line's blob
        }

        int ranges = searched.Ranges - atOpen.Ranges;
        long bytes = searched.Bytes - atOpen.Bytes;
        output.WriteLine($"{shards} shards of {ShardSize} bytes, container {manifest.DataLength} bytes; open {atOpen}; " +
            $"index open +{indexOpen.Ranges - atOpen.Ranges} ranges, +{indexOpen.Bytes - atOpen.Bytes} bytes; " +
            $"binary searches +{found.Ranges - indexOpen.Ranges}, +{found.Bytes - indexOpen.Bytes}; " +
            $"lines +{searched.Ranges - found.Ranges}, +{searched.Bytes - found.Bytes}; " +
            $"per shard {(double)ranges / shards:0.0} ranges, {bytes / shards} bytes");
        Assert.True(shards >= Shards, $"{shards} shards: the tree should make at least {Shards}");
        // Per shard: the sample (about 36 KiB, one or two blocks), then a binary search over the 1024 entries between
        // two samples: one suffix array block and about log2(1024) = 10 text probes, each in a block of its own. Measured
        // (8 shards, two trees): 10.6-11.6 ranges and 650-715 KB per shard. 16 blocks per shard is that with headroom, and a
        // quarter of a shard's 64 blocks: a query that read whole shards, or the whole container, fails here.
        Assert.True(ranges <= 16 * shards, $"{ranges} range GETs after open for {shards} shards");
        Assert.True(bytes <= 16L * IndexBlock * shards, $"{bytes} bytes fetched after open for {shards} shards");
        Assert.True(searched.Bytes < manifest.DataLength / 4, $"{searched.Bytes} of {manifest.DataLength} container bytes read");
    }

    /// <summary>
    /// <see cref="Shards"/> × <see cref="ShardSize"/> bytes of text in files of half a shard (lines of random
    /// identifiers, so lz4 cannot shrink the index much), and a small file with the line "rare-needle-5 here".
    /// </summary>
    private static void MakeText(string root)
    {
        var random = new Random(5);
        for (int i = 0; i < 2 * Shards; i++)
        {
            var text = new StringBuilder();
            int line = 1;
            while (text.Length < ShardSize / 2 - 100)
            {
                for (int word = random.Next(1, 9); word > 0; word--)
                {
                    for (int c = random.Next(2, 10); c > 0; c--)
                    {
                        text.Append((char)('a' + random.Next(26)));
                    }
                    text.Append(' ');
                }
                text.Append('\n');
                line++;
            }
            File.WriteAllText(Path.Combine(root, $"f{i:D2}.txt"), text.ToString());
        }
        File.WriteAllText(Path.Combine(root, "needle.txt"), "before\nrare-needle-5 here\nafter\n");
    }
}
