using System.Text;

namespace Lode.Metadata.Tests;

public class StoreApiTests
{
    [Fact]
    public void Every_write_gets_a_larger_version_and_conditional_writes_check_it()
    {
        using var store = MetadataStore.OpenInMemory();
        long first = store.Put("snap/1", "a");
        long second = store.Put("snap/1", "b");
        Assert.True(second > first && first > 0);
        Assert.Equal("b", store.Get("snap/1")!.ValueText);
        Assert.False(store.PutIfAbsent("snap/1", "c"));
        Assert.True(store.PutIfAbsent("snap/2", "c"));
        Assert.False(store.CompareAndPut("snap/1", first, "d"));
        Assert.True(store.CompareAndPut("snap/1", second, "d"));
        Assert.False(store.CompareAndPut("snap/9", 0, "x"));
        Assert.Equal("d", store.Get("snap/1")!.ValueText);
        Assert.True(store.Get("snap/1")!.Version > second);
        Assert.True(store.Delete("snap/1"));
        Assert.False(store.Delete("snap/1"));
        Assert.Null(store.Get("snap/1"));
    }

    [Fact]
    public void A_record_once_returned_never_changes()
    {
        using var store = MetadataStore.OpenInMemory();
        store.Put("k", "old");
        MetadataRecord record = store.Get("k")!;
        store.Put("k", "new");
        store.Delete("k");
        Assert.Equal("old", record.ValueText);
    }

    [Fact]
    public void Rename_moves_the_value_under_a_new_version_and_replaces_the_target()
    {
        using var store = MetadataStore.OpenInMemory();
        long version = store.Put("a/x", "1");
        store.Put("a/y", "2");
        Assert.True(store.Rename("a/x", "a/y"));
        Assert.Null(store.Get("a/x"));
        Assert.Equal("1", store.Get("a/y")!.ValueText);
        Assert.True(store.Get("a/y")!.Version > version);
        Assert.False(store.Rename("a/x", "a/z"));
        Assert.True(store.Rename("a/y", "a/y"));
        Assert.Equal(1, store.Stats.Keys);
    }

    [Fact]
    public void An_atomic_batch_with_a_failing_guard_writes_nothing()
    {
        using var store = MetadataStore.OpenInMemory();
        long version = store.Put("snap/1", "x");
        store.Put("tree/1/a", "y");
        var batch = new MetadataBatch().Put("snap/2", "z").Delete("snap/1").RequireVersion("snap/1", version).RequireAbsent("snap/2");
        Assert.False(store.Atomic(new MetadataBatch().Put("snap/2", "z").RequirePrefixEmpty("tree/1/")));
        Assert.False(store.Atomic(new MetadataBatch().Put("snap/2", "z").RequireVersion("snap/1", version + 1)));
        Assert.False(store.Atomic(new MetadataBatch().Put("snap/2", "z").RequireAbsent("snap/1")));
        Assert.Null(store.Get("snap/2"));
        Assert.True(store.Atomic(batch, out long batchVersion));
        Assert.Null(store.Get("snap/1"));
        Assert.Equal(batchVersion, store.Get("snap/2")!.Version);
        Assert.True(store.Atomic(new MetadataBatch().RequirePrefixEmpty("tree/2/").Put("tree/2/b", "1").Put("tree/2/c", "2")));
        Assert.Equal(store.Get("tree/2/b")!.Version, store.Get("tree/2/c")!.Version);
    }

    [Fact]
    public void Keys_and_values_over_64_KiB_are_refused_with_a_limit_error()
    {
        using var store = MetadataStore.OpenInMemory();
        byte[] longest = new byte[MetadataStore.MaxKeyBytes];
        store.Put(longest, new byte[MetadataStore.MaxValueBytes]);
        Assert.Equal(MetadataStore.MaxValueBytes, store.Get(longest)!.Value.Length);
        var tooLong = Assert.Throws<MetadataLimitException>(() => store.Put(new byte[MetadataStore.MaxKeyBytes + 1], []));
        Assert.Contains("65537", tooLong.Message, StringComparison.Ordinal);
        Assert.Throws<MetadataLimitException>(() => store.Put([1], new byte[MetadataStore.MaxValueBytes + 1]));
        Assert.Throws<MetadataLimitException>(() => store.Put(ReadOnlySpan<byte>.Empty, []));
        Assert.Throws<MetadataLimitException>(() => new MetadataBatch().Put(new byte[MetadataStore.MaxKeyBytes + 1], []));
        Assert.Equal(1, store.Stats.Keys);
    }

    [Fact]
    public void A_batch_larger_than_the_ring_is_refused_whole()
    {
        using var directory = new TempDirectory();
        using var store = MetadataStore.Open(directory.Path, new MetadataStoreOptions { RingBytes = MetadataStoreOptions.MinRingBytes });
        var batch = new MetadataBatch();
        for (int i = 0; i < 5; i++)
        {
            batch.Put($"k{i}", Encoding.UTF8.GetString(new byte[MetadataStore.MaxValueBytes]));
        }
        Assert.Throws<MetadataLimitException>(() => store.Atomic(batch));
        Assert.Equal(0, store.Stats.Keys);
    }

    [Fact]
    public void Scans_page_with_start_after_and_list_directories_with_a_delimiter()
    {
        using var store = MetadataStore.OpenInMemory();
        foreach (string path in new[] { "tree/7/usr/include/a.h", "tree/7/usr/include/sys/b.h", "tree/7/usr/lib/c.so", "tree/7/usr/README", "tree/8/x" })
        {
            store.Put(path, path.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var listing = store.Scan(ScanOptions.Directory("tree/7/usr/")).Select(e => e.KeyText + (e.IsCommonPrefix ? "*" : "")).ToList();
        Assert.Equal(["tree/7/usr/README", "tree/7/usr/include/*", "tree/7/usr/lib/*"], listing);
        var first = store.Scan(new ScanOptions { Prefix = "tree/7/"u8.ToArray(), Limit = 2 }).ToList();
        var rest = store.Scan(new ScanOptions { Prefix = "tree/7/"u8.ToArray(), StartAfter = first[^1].Key }).ToList();
        Assert.Equal(4, first.Count + rest.Count);
        Assert.Equal("tree/7/usr/include/a.h", first[1].KeyText);
        var keysOnly = store.Scan(new ScanOptions { Prefix = "tree/8"u8.ToArray(), KeysOnly = true }).Single();
        Assert.True(keysOnly.Value.IsEmpty && keysOnly.Version > 0 && keysOnly.Record is null);
    }

    [Fact]
    public void A_second_open_of_the_same_directory_is_refused_until_the_first_closes()
    {
        using var directory = new TempDirectory();
        var first = MetadataStore.Open(directory.Path);
        var error = Assert.Throws<MetadataLockedException>(() => MetadataStore.Open(directory.Path));
        Assert.Contains(directory.Path, error.Message, StringComparison.Ordinal);
        first.Dispose();
        MetadataStore.Open(directory.Path).Dispose();
    }

    [Fact]
    public void A_closed_store_refuses_writes()
    {
        var store = MetadataStore.OpenInMemory();
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.Put("a", "b"));
    }

    [Theory]
    [InlineData(Durability.Sync)]
    [InlineData(Durability.Async)]
    [InlineData(Durability.None)]
    public void Every_durability_keeps_writes_across_a_clean_close(Durability durability)
    {
        using var directory = new TempDirectory();
        var options = new MetadataStoreOptions { Durability = durability };
        long version;
        using (var store = MetadataStore.Open(directory.Path, options))
        {
            version = store.Put("snap/1", "summary");
            store.Put("tree/1/etc/hosts", "entry");
            store.Delete("tree/1/etc/hosts");
        }
        using (var store = MetadataStore.Open(directory.Path, options))
        {
            Assert.Equal("summary", store.Get("snap/1")!.ValueText);
            Assert.Equal(version, store.Get("snap/1")!.Version);
            Assert.Null(store.Get("tree/1/etc/hosts"));
            Assert.True(store.Put("snap/2", "x") > version);
        }
    }
}
