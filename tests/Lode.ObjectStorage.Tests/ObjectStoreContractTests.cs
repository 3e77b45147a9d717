using Lode.IO;

namespace Lode.ObjectStorage.Tests;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> must have. Each store runs it through a subclass that says how
/// to open one; every test gets its own temp directory and store.
/// </summary>
public abstract partial class ObjectStoreContractTests : IDisposable
{
    private readonly Lazy<IObjectStore> _store;

    protected ObjectStoreContractTests()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("lode-objectstorage-");
        _store = new Lazy<IObjectStore>(() => OpenStore(Directory.FullName));
    }

    /// <summary>This test's own temp directory, removed afterwards.</summary>
    protected DirectoryInfo Directory { get; }

    protected IObjectStore Store => _store.Value;

    /// <summary>
    /// Whether a reader keeps returning the version it opened after an overwrite. A store that cannot (S3 keeps no
    /// old versions) must instead fail the reads: never return bytes of the new object.
    /// </summary>
    protected virtual bool ReadersKeepTheirVersion => true;

    /// <summary>Opens the store under test; a filesystem store keeps its objects in <paramref name="directory"/>.</summary>
    protected abstract IObjectStore OpenStore(string directory);

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            _store.Value.Dispose();
        }
        Directory.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    protected Task Put(string key, byte[] bytes) => Store.PutAsync(key, Payloads.Stream(bytes));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5 * 1024 * 1024)]
    public async Task Put_then_get_returns_the_same_bytes(int length)
    {
        var bytes = Payloads.Random(length, seed: length);
        await Put("dir/sub/object.bin", bytes);
        Assert.Equal(bytes, await Store.GetAsync("dir/sub/object.bin"));
    }

    [Fact]
    public async Task Put_reads_the_content_from_its_current_position_to_its_end()
    {
        var stream = Payloads.Stream([1, 2, 3, 4, 5]);
        stream.Position = 2;
        await Store.PutAsync("k", stream);
        Assert.Equal([3, 4, 5], await Store.GetAsync("k"));
    }

    [Fact]
    public async Task Put_over_an_existing_object_replaces_it_whole()
    {
        await Put("k", Payloads.Random(1000, 1));
        var second = Payloads.Random(10, 2);
        await Put("k", second);
        Assert.Equal(second, await Store.GetAsync("k"));
        Assert.Equal(10, (await Store.HeadAsync("k"))!.Length);
    }

    [Fact]
    public async Task Head_returns_key_length_and_a_recent_time_or_null_when_absent()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await Put("a/b", new byte[1234]);
        var info = await Store.HeadAsync("a/b");
        Assert.NotNull(info);
        Assert.Equal("a/b", info.Key);
        Assert.Equal(1234, info.Length);
        Assert.InRange(info.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Null(await Store.HeadAsync("a/c"));
        Assert.Null(await Store.HeadAsync("a"));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(4000, 96)]
    [InlineData(4096, 0)]
    [InlineData(0, 4096)]
    [InlineData(1234, 1)]
    public async Task GetRange_returns_exactly_the_requested_bytes(long offset, int length)
    {
        var bytes = Payloads.Random(4096, 3);
        await Put("k", bytes);
        Assert.Equal(bytes.AsSpan((int)offset, length).ToArray(), await Store.GetRangeAsync("k", offset, length));
    }

    [Theory]
    [InlineData(4000, 97)]
    [InlineData(4097, 0)]
    [InlineData(-1, 10)]
    [InlineData(0, -1)]
    [InlineData(long.MaxValue, 1)]
    public async Task GetRange_outside_the_object_throws_ArgumentOutOfRange(long offset, int length)
    {
        await Put("k", Payloads.Random(4096, 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetRangeAsync("k", offset, length));
    }

    [Fact]
    public async Task OpenRead_serves_random_reads_that_match_the_object()
    {
        var bytes = Payloads.Random(300_000, 4);
        await Put("blob", bytes);
        using var source = await Store.OpenReadAsync("blob");
        Assert.Equal(bytes.Length, source.Length);
        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            int offset = random.Next(bytes.Length);
            int length = random.Next(0, 5000);
            var buffer = new byte[length];
            int n = source.ReadAt(offset, buffer);
            Assert.Equal(Math.Min(length, bytes.Length - offset), n);
            Assert.True(buffer.AsSpan(0, n).SequenceEqual(bytes.AsSpan(offset, n)));
        }
        Assert.Equal(0, source.ReadAt(bytes.Length, new byte[10]));
    }

    [Fact]
    public async Task OpenRead_keeps_reading_the_version_it_opened_after_an_overwrite()
    {
        var first = Payloads.Random(5000, 6);
        await Put("k", first);
        using var source = await Store.OpenReadAsync("k");
        await Put("k", Payloads.Random(7000, 7));
        if (ReadersKeepTheirVersion)
        {
            Assert.Equal(first, source.ReadBytes(0, first.Length));
        }
        else
        {
            Assert.Throws<ObjectStorePermanentException>(() => source.ReadBytes(0, first.Length));
        }
    }

    [Fact]
    public async Task Delete_removes_the_object_and_is_idempotent()
    {
        await Put("x/y", [1, 2, 3]);
        await Store.DeleteAsync("x/y");
        Assert.Null(await Store.HeadAsync("x/y"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetAsync("x/y"));
        await Store.DeleteAsync("x/y");
        await Store.DeleteAsync("never/was");
        await Store.DeleteAsync("x");
    }

    [Fact]
    public async Task Missing_objects_throw_ObjectNotFound_naming_the_key()
    {
        await Put("present", [1]);
        var errors = new List<ObjectNotFoundException>
        {
            await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetAsync("missing/key-1")),
            await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetRangeAsync("missing/key-1", 0, 1)),
            await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync("missing/key-1")),
        };
        Assert.All(errors, e =>
        {
            Assert.Equal("missing/key-1", e.Key);
            Assert.Contains("missing/key-1", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_key_below_an_object_or_a_prefix_of_other_keys_is_not_an_object()
    {
        await Put("a/b/c", [1]);
        await Put("f", [2]);
        foreach (string key in new[] { "a", "a/b", "f/g" })
        {
            Assert.Null(await Store.HeadAsync(key));
            await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetAsync(key));
            await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(key));
        }
    }

    [Fact]
    public async Task Cancelled_calls_throw_and_write_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.PutAsync("k", Payloads.Stream([1]), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.GetAsync("k", cancelled.Token));
        Assert.Null(await Store.HeadAsync("k"));
    }

    [Fact]
    public async Task A_disposed_store_refuses_calls()
    {
        Store.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.HeadAsync("k"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Put("k", [1]));
    }

    public static TheoryData<string> InvalidKeys() => new(
        "", "../x", "/abs", "a//b", "a/./b", "a/../b", ".", "..", "a/", "a\\b", "a\0b", "sp ace", "ü",
        new string('k', ObjectKey.MaxLength + 1));

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task Invalid_keys_are_rejected_by_every_operation(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.HeadAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetRangeAsync(key, 0, 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Put(key, [1]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutIfAbsentAsync(key, Payloads.Stream([1])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(key));
        Assert.Empty(await Store.ListAsync("").ToListAsync());
    }

    [Fact]
    public async Task The_longest_valid_key_works()
    {
        string key = string.Join('/', Enumerable.Repeat(new string('k', 127), 8)) + "/x";
        key = key[..(ObjectKey.MaxLength - 1)] + "z";
        Assert.Equal(ObjectKey.MaxLength, key.Length);
        await Put(key, [9]);
        Assert.Equal([9], await Store.GetAsync(key));
    }
}
