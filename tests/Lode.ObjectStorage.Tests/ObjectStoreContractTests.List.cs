namespace Lode.ObjectStorage.Tests;

public abstract partial class ObjectStoreContractTests
{
    // Ordinal order: '-' < '.' < '/' < '0' < 'A' < '_' < 'a', which a directory walk must respect.
    private static readonly string[] ListedKeys =
    [
        "a-c", "a.x", "a/b", "a/b-x/c", "a/b0", "a/bc/d", "a0", "aB", "a_", "b/z", "z/y/x/w",
    ];

    private async Task PutListedKeys()
    {
        // Put in a scrambled order so that the store, not the insertion order, produces the sorting.
        foreach (string key in ListedKeys.Reverse())
        {
            await Put(key, new byte[key.Length]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a/")]
    [InlineData("a/b")]
    [InlineData("a/b-")]
    [InlineData("a/b/")]
    [InlineData("a/bc/d")]
    [InlineData("z/y")]
    [InlineData("nothing")]
    [InlineData("a//")]
    [InlineData("../")]
    [InlineData("/")]
    public async Task List_yields_exactly_the_keys_with_the_prefix_in_ordinal_order(string prefix)
    {
        await PutListedKeys();
        var expected = ListedKeys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var listed = await Store.ListAsync(prefix).ToListAsync();

        Assert.Equal(expected, listed.Select(info => info.Key).ToArray());
        Assert.All(listed, info => Assert.Equal(info.Key.Length, info.Length));
    }

    [Fact]
    public async Task List_of_many_random_keys_matches_a_sorted_copy()
    {
        var random = new Random(11);
        const string Alphabet = "ab.-_0Z";
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        while (keys.Count < 150)
        {
            var segments = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => new string(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()))
                .Where(s => s is not "." and not "..")
                .ToArray();
            string key = string.Join('/', segments);
            // A filesystem key cannot be both an object and a directory: keep the set free of such pairs.
            if (segments.Length > 0 && !keys.Any(k => k.StartsWith(key + "/", StringComparison.Ordinal) || key.StartsWith(k + "/", StringComparison.Ordinal)))
            {
                keys.Add(key);
            }
        }
        foreach (string key in keys.OrderBy(_ => random.Next()).ToArray())
        {
            await Put(key, [1]);
        }
        Assert.Equal(keys.ToArray(), (await Store.ListAsync("").ToListAsync()).Select(i => i.Key).ToArray());
        Assert.Equal(keys.Where(k => k.StartsWith("a", StringComparison.Ordinal)).ToArray(),
            (await Store.ListAsync("a").ToListAsync()).Select(i => i.Key).ToArray());
    }

    [Fact]
    public async Task List_does_not_show_deleted_objects_or_an_empty_store()
    {
        Assert.Empty(await Store.ListAsync("").ToListAsync());
        await Put("d/e", [1]);
        await Store.DeleteAsync("d/e");
        Assert.Empty(await Store.ListAsync("").ToListAsync());
    }

    [Fact]
    public async Task List_rejects_a_null_prefix()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.ListAsync(null!).ToListAsync());
    }
}
