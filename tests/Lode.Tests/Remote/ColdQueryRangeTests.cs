using System.Text;
using Lode.ObjectStorage;
using Xunit.Abstractions;

namespace Lode.Tests.Remote;

/// <summary>
/// Issue 5's goal "a cold query on an index behind the disk cache touches a handful of ranges": a search through an
/// empty cache in range-only mode (every read is a range GET, nothing is filled) reads the FM-index sections its
/// backward search touches, never whole shards' indexes, and of the data container only the matched file's block.
/// </summary>
public sealed class ColdQueryRangeTests(RemoteFixture fixture, ITestOutputHelper output) : IClassFixture<RemoteFixture>
{
    private const int Shards = 8;

    /// <summary>1 MiB shards: each shard's FM-index spans several 64 KiB blocks of the index container, more than a
    /// query of a rare literal needs, so reading whole shards would show.</summary>
    private const int ShardSize = 1 << 20;

    [Fact]
    public void A_cold_query_reads_a_few_blocks_per_shard_not_whole_shards_or_the_container()
    {
        string tree = fixture.NewDirectory("tree");
        MakeText(tree);
        string location = "s3://lode/cold-query/" + Guid.NewGuid().ToString("N")[..12];
        SnapshotManifest manifest;
        string indexKey;
        long indexLength;
        using (var repository = Repository.OpenOrInit(location, fixture.Options()))
        {
            manifest = repository.CreateSnapshot(tree, new SnapshotOptions { IndexShardSize = ShardSize }).Manifest;
            (indexKey, indexLength) = repository.FindStoredIndex(manifest.Id)!.Value;
        }
        RecordingStore? recording = null;
        var options = fixture.Options(wrap: s => recording = new RecordingStore(s)) with
        {
            DataReads = CacheMode.RangeOnly,
            IndexReads = CacheMode.RangeOnly,
        };
        (int Ranges, long Bytes) FetchedOf(string key) =>
            (recording!.RangesOf(key).Count(), recording.RangesOf(key).Sum(r => (long)r.Length));
        (int Ranges, long Bytes) Fetched() => FetchedOf(indexKey);

        int shards;
        (int Ranges, long Bytes) atOpen, indexOpen, found, searched;
        using (var repository = Repository.Open(location, options))
        using (var view = repository.OpenSnapshot("latest"))
        {
            shards = view.QueryIndex!.Shards.Length;
            atOpen = Fetched(); // the index container's head and tail, prefetched at open: header, tables
            (int Ranges, long Bytes) dataBefore = FetchedOf(manifest.DataKey);
            indexOpen = atOpen;
            view.QueryIndex!.FindMatches("rare-needle-5"u8.ToArray());
            found = Fetched(); // + each shard's FM-index header, directory and the sections backward search touches
            Assert.Equal(["needle.txt:2:rare-needle-5 here"], RemoteRepositoryTests.SearchLines(view, "rare-needle-5"));
            searched = Fetched();
            var data = FetchedOf(manifest.DataKey);
            output.WriteLine($"data container: {data.Ranges - dataBefore.Ranges} ranges, {data.Bytes - dataBefore.Bytes} bytes for the line");
            // The line comes from the matched file's block of the data container, nothing else of it.
            Assert.True(data.Ranges - dataBefore.Ranges <= 2, $"{data.Ranges - dataBefore.Ranges} range GETs of the data container for one line");
        }

        int ranges = searched.Ranges - atOpen.Ranges;
        long bytes = searched.Bytes - atOpen.Bytes;
        output.WriteLine($"{shards} shards of {ShardSize} bytes, index container {indexLength} bytes; open {atOpen}; " +
            $"backward searches +{found.Ranges - indexOpen.Ranges}, +{found.Bytes - indexOpen.Bytes}; " +
            $"per shard {(double)ranges / shards:0.0} ranges, {bytes / shards} bytes");
        Assert.True(shards >= Shards, $"{shards} shards: the tree should make at least {Shards}");
        // Per shard: the FM-index's header and directory, then for each of the 13 pattern bytes two ranks, each in one
        // superblock section (64 Ki symbols, about 24 KiB, within one or two 64 KiB blocks), and only the blocks not
        // read yet. Measured (8 shards of 1 MiB of random letters, 5.8 MB of index container): 6 range GETs, 384 KiB
        // after the open, which prefetches the container's head and tail. A query that read whole shards' indexes fails here.
        Assert.True(bytes < indexLength / 2, $"{bytes} of {indexLength} index container bytes read");
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
