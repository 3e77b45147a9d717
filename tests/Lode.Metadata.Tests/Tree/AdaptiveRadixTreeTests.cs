using System.Text;
using Lode.Metadata.Tree;

namespace Lode.Metadata.Tests.Tree;

public class AdaptiveRadixTreeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_puts_and_deletes_agree_with_a_sorted_dictionary(int alphabetIndex)
    {
        int alphabet = RandomKeys.Alphabets[alphabetIndex];
        for (int seed = 0; seed < 12; seed++)
        {
            var keys = new RandomKeys(new Random(seed * 31 + alphabetIndex), alphabet, alphabet <= 6 ? 10 : 3);
            var tree = new AdaptiveRadixTree();
            var oracle = new Oracle();
            for (int step = 1; step <= 3000; step++)
            {
                byte[] key = keys.Next();
                if (keys.Random.Next(10) < 6)
                {
                    byte[] value = Encoding.UTF8.GetBytes($"v{step}");
                    Assert.True(tree.Put(key, value, step));
                    oracle.Entries[key] = (value, step);
                }
                else
                {
                    Assert.Equal(oracle.Entries.Remove(key), tree.Delete(key));
                }
                if (step % 250 == 0)
                {
                    AssertSame(tree, oracle, keys);
                }
            }
            foreach (byte[] key in oracle.Entries.Keys.OrderBy(_ => keys.Random.Next()).ToList())
            {
                Assert.True(tree.Delete(key));
                oracle.Entries.Remove(key);
            }
            Assert.Equal(0, tree.Count);
            Assert.Equal(0, tree.Root.Count);
        }
    }

    private static void AssertSame(AdaptiveRadixTree tree, Oracle oracle, RandomKeys keys)
    {
        Assert.Equal(oracle.Entries.Count, tree.Count);
        foreach (var (key, (value, version)) in oracle.Entries)
        {
            MetadataRecord? record = tree.Find(key);
            Assert.NotNull(record);
            Assert.Equal(value, record.Value.ToArray());
            Assert.Equal(version, record.Version);
        }
        for (int i = 0; i < 200; i++)
        {
            byte[] probe = keys.Next();
            Assert.Equal(oracle.Entries.ContainsKey(probe), tree.Find(probe) is not null);
        }
        Assert.Equal(Oracle.Show(oracle.Scan([], null, int.MaxValue, -1)), Oracle.Show(tree.Scan([], null, int.MaxValue, -1)));
        var existing = oracle.Entries.Keys.ToList();
        for (int i = 0; i < 60; i++)
        {
            byte[] prefix = keys.NextProbe(existing)[..0];
            prefix = keys.Random.Next(3) == 0 ? prefix : keys.NextProbe(existing);
            prefix = prefix[..Math.Min(prefix.Length, keys.Random.Next(0, 4))];
            byte[]? startAfter = keys.Random.Next(2) == 0 ? null : keys.NextProbe(existing);
            int limit = keys.Random.Next(3) == 0 ? keys.Random.Next(0, 20) : int.MaxValue;
            int delimiter = keys.Random.Next(2) == 0 ? -1 : keys.Random.Next(2) == 0 ? '/' : 'a';
            var expected = oracle.Scan(prefix, startAfter, limit, delimiter);
            var actual = tree.Scan(prefix, startAfter, limit, delimiter);
            Assert.True(Oracle.Show(expected) == Oracle.Show(actual),
                $"prefix {Show(prefix)} after {Show(startAfter)} limit {limit} delimiter {delimiter}:\n{Oracle.Show(expected)}\n{Oracle.Show(actual)}");
            Assert.Equal(expected.Select(e => e.Value), actual.Select(e => e.Value));
        }
    }

    private static string Show(byte[]? key) => key is null ? "(none)" : Encoding.Latin1.GetString(key);

    [Fact]
    public void Nodes_grow_through_every_kind_and_shrink_back()
    {
        var tree = new AdaptiveRadixTree();
        byte[] Key(int edge) => [(byte)'p', (byte)'q', (byte)edge, (byte)'z'];
        var kinds = new List<Type>();
        for (int edge = 0; edge < 256; edge++)
        {
            tree.Put(Key(edge), [(byte)edge], edge + 1);
            kinds.Add(KindUnderP(tree));
        }
        Assert.Equal([typeof(MetadataRecord), typeof(Node4), typeof(Node16), typeof(Node48), typeof(Node256)], kinds.Distinct());
        Assert.Equal([(byte)'q'], ((ArtNode)tree.Root.FindChild((byte)'p')!).Prefix);
        var shrunk = new List<Type>();
        for (int edge = 255; edge >= 1; edge--)
        {
            Assert.True(tree.Delete(Key(edge)));
            shrunk.Add(KindUnderP(tree));
        }
        Assert.Equal([typeof(Node256), typeof(Node48), typeof(Node16), typeof(Node4), typeof(MetadataRecord)], shrunk.Distinct());
        Assert.Equal(Key(0), tree.Scan([], null, int.MaxValue, -1).Single().Key);
        // Hysteresis: a Node256 shrinks only well below 48 children, a Node48 well below 16.
        Assert.Equal(255 - 36, shrunk.IndexOf(typeof(Node48)));
        Assert.Equal(255 - 12, shrunk.IndexOf(typeof(Node16)));
    }

    private static Type KindUnderP(AdaptiveRadixTree tree) => tree.Root.FindChild((byte)'p')!.GetType();

    [Fact]
    public void A_key_that_ends_inside_a_compressed_path_splits_it()
    {
        var tree = new AdaptiveRadixTree();
        tree.Put("usr/include/stdio.h"u8.ToArray(), [1], 1);
        tree.Put("usr/include/stdlib.h"u8.ToArray(), [2], 2);
        tree.Put("usr/inc"u8.ToArray(), [3], 3);
        tree.Put("usr/include/std"u8.ToArray(), [4], 4);
        Assert.Equal([3], tree.Find("usr/inc"u8)!.Value.ToArray());
        Assert.Equal([4], tree.Find("usr/include/std"u8)!.Value.ToArray());
        Assert.Null(tree.Find("usr/include/st"u8));
        Assert.Null(tree.Find("usr/include/stdio.hx"u8));
        Assert.True(tree.Delete("usr/include/std"u8.ToArray()));
        Assert.True(tree.Delete("usr/inc"u8.ToArray()));
        Assert.Equal(["usr/include/stdio.h", "usr/include/stdlib.h"],
            tree.Scan([], null, int.MaxValue, -1).Select(e => Encoding.UTF8.GetString(e.Key)));
    }

    [Fact]
    public void A_delimiter_scan_rolls_each_subdirectory_into_one_common_prefix()
    {
        var tree = new AdaptiveRadixTree();
        string[] paths = ["a/b/1", "a/b/2", "a/c", "a/d/x/y", "a/e", "b/1"];
        foreach (string path in paths)
        {
            tree.Put(Encoding.UTF8.GetBytes(path), [], 1);
        }
        var listing = tree.Scan("a/"u8.ToArray(), null, int.MaxValue, '/').Select(e => Encoding.UTF8.GetString(e.Key) + (e.Value is null ? "*" : ""));
        Assert.Equal(["a/b/*", "a/c", "a/d/*", "a/e"], listing);
        var page = tree.Scan("a/"u8.ToArray(), "a/b/"u8.ToArray(), 2, '/').Select(e => Encoding.UTF8.GetString(e.Key));
        Assert.Equal(["a/c", "a/d/"], page);
    }

    [Fact]
    public void Concurrent_writers_sharing_nodes_that_grow_and_shrink_keep_every_key_of_their_own()
    {
        // Keys [a][b][writer]: all writers meet in the same inner nodes, which grow to Node256 and shrink back
        // while readers scan; each writer owns its leaves, so the final tree is known exactly.
        var tree = new AdaptiveRadixTree();
        const int Writers = 4;
        var owned = new HashSet<string>[Writers];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int running = Writers;
        var writers = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            var random = new Random(w);
            var mine = owned[w] = [];
            for (int i = 0; i < 60_000; i++)
            {
                byte[] key = [(byte)random.Next(2), (byte)random.Next(random.Next(1, 256)), (byte)w];
                string name = Convert.ToHexString(key);
                if (random.Next(2) == 0)
                {
                    tree.Put(key, key, i + 1);
                    mine.Add(name);
                }
                else if (tree.Delete(key) != mine.Remove(name))
                {
                    failures.Enqueue($"delete of {name} disagreed with its owner");
                }
            }
            Interlocked.Decrement(ref running);
        })).ToList();
        var reader = new Thread(() =>
        {
            while (Volatile.Read(ref running) > 0)
            {
                var keys = tree.Scan([], null, int.MaxValue, -1);
                for (int i = 1; i < keys.Count; i++)
                {
                    if (Oracle.Bytewise.Compare(keys[i - 1].Key, keys[i].Key) >= 0 || !keys[i].Key.AsSpan().SequenceEqual(keys[i].Value))
                    {
                        failures.Enqueue("scan out of order or value under the wrong key");
                    }
                }
            }
        });
        writers.ForEach(t => t.Start());
        reader.Start();
        writers.ForEach(t => t.Join());
        reader.Join();
        Assert.Empty(failures);
        var expected = owned.SelectMany(set => set).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, tree.Scan([], null, int.MaxValue, -1).Select(e => Convert.ToHexString(e.Key)));
        Assert.Equal(expected.Count, tree.Count);
    }
}
