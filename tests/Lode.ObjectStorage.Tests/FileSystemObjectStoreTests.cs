namespace Lode.ObjectStorage.Tests;

/// <summary>Behaviour only the filesystem store has: its layout on disk, temp files, crash leftovers, atomic replace.</summary>
public sealed class FileSystemObjectStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lode-fsstore-");

    private string Root => Path.Join(_directory.FullName, "root");

    private string TempDirectory => Path.Join(Root, ".tmp");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task An_object_is_the_file_at_root_slash_key_and_the_root_is_created()
    {
        using var store = new FileSystemObjectStore(Path.Join(_directory.FullName, "x", "..", "root"));
        Assert.Equal(Root, store.RootDirectory);
        await store.PutAsync("snapshots/ab/cd.snap", Payloads.Stream([7, 8, 9]));
        Assert.Equal([7, 8, 9], await File.ReadAllBytesAsync(Path.Join(Root, "snapshots", "ab", "cd.snap")));
    }

    [Fact]
    public async Task A_put_whose_content_fails_midway_keeps_the_old_object_and_leaves_no_temp_file()
    {
        using var store = new FileSystemObjectStore(Root);
        var old = Payloads.Random(1000, 1);
        await store.PutAsync("k", Payloads.Stream(old));

        var failing = new FailingStream(Payloads.Random(3_000_000, 2), failAfter: 1_000_000);
        var error = await Assert.ThrowsAsync<IOException>(() => store.PutAsync("k", failing));

        Assert.Same(failing.Error, error);
        Assert.Equal(old, await store.GetAsync("k"));
        Assert.Empty(Directory.GetFiles(TempDirectory));
        Assert.False(await store.PutIfAbsentAsync("k", new FailingStream([], failAfter: 0)));
    }

    [Fact]
    public async Task A_failed_put_if_absent_creates_nothing_and_leaves_no_temp_file()
    {
        using var store = new FileSystemObjectStore(Root);
        await Assert.ThrowsAsync<IOException>(
            () => store.PutIfAbsentAsync("new/k", new FailingStream(new byte[500_000], failAfter: 300_000)));
        Assert.Null(await store.HeadAsync("new/k"));
        Assert.Empty(Directory.GetFiles(TempDirectory));
    }

    [Fact]
    public async Task Puts_leave_no_temp_files_behind()
    {
        using var store = new FileSystemObjectStore(Root);
        await store.PutAsync("a", Payloads.Stream([1]));
        await store.PutAsync("a", Payloads.Stream([2]));
        Assert.True(await store.PutIfAbsentAsync("b/c", Payloads.Stream([3])));
        Assert.False(await store.PutIfAbsentAsync("b/c", Payloads.Stream([4])));
        Assert.Empty(Directory.GetFiles(TempDirectory));
    }

    [Fact]
    public async Task Concurrent_readers_never_see_a_partial_object_while_a_writer_replaces_it()
    {
        using var store = new FileSystemObjectStore(Root);
        await store.PutAsync("hot", Payloads.Stream(Payloads.SelfChecking(0)));
        using var writing = new CancellationTokenSource();
        int reads = 0;
        var readers = Enumerable.Range(0, 3).Select(reader => Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                byte[] bytes;
                if (reader == 0)
                {
                    using var source = await store.OpenReadAsync("hot");
                    bytes = new byte[source.Length];
                    Lode.IO.ByteSourceExtensions.ReadExactlyAt(source, 0, bytes);
                }
                else
                {
                    bytes = await store.GetAsync("hot");
                }
                Assert.True(Payloads.IsWholeSelfChecking(bytes), $"reader {reader} saw a partial or mixed object");
                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        for (int seed = 1; seed <= 100; seed++)
        {
            await store.PutAsync("hot", Payloads.Stream(Payloads.SelfChecking(seed)));
        }
        await writing.CancelAsync();
        await Task.WhenAll(readers);

        Assert.True(reads > 0);
        Assert.True(Payloads.IsWholeSelfChecking(await store.GetAsync("hot")));
    }

    [Fact]
    public async Task Opening_a_store_removes_temp_files_older_than_an_hour_and_keeps_fresh_ones()
    {
        Directory.CreateDirectory(TempDirectory);
        string stale = Path.Join(TempDirectory, "crashed-writer.tmp");
        string fresh = Path.Join(TempDirectory, "live-writer.tmp");
        await File.WriteAllBytesAsync(stale, [1]);
        await File.WriteAllBytesAsync(fresh, [2]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));

        using var store = new FileSystemObjectStore(Root);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Theory]
    [InlineData(".tmp")]
    [InlineData(".tmp/x")]
    public async Task Keys_in_the_temp_directory_are_rejected(string key)
    {
        using var store = new FileSystemObjectStore(Root);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, Payloads.Stream([1])));
        Assert.Contains(".tmp", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(key));
        Assert.True(ObjectKey.IsValid(".tmpx"));
        await store.PutAsync(".tmpx", Payloads.Stream([1]));
        Assert.Equal([".tmpx"], (await store.ListAsync("").ToListAsync()).Select(i => i.Key).ToArray());
    }

    [Fact]
    public async Task A_key_that_is_both_an_object_and_a_directory_fails_with_a_permanent_error_naming_it()
    {
        using var store = new FileSystemObjectStore(Root);
        await store.PutAsync("a", Payloads.Stream([1]));
        await store.PutAsync("d/e", Payloads.Stream([2]));

        var below = await Assert.ThrowsAsync<ObjectStorePermanentException>(() => store.PutAsync("a/b/c", Payloads.Stream([3])));
        var over = await Assert.ThrowsAsync<ObjectStorePermanentException>(() => store.PutAsync("d", Payloads.Stream([4])));

        Assert.Equal("a/b/c", below.Key);
        Assert.Contains("\"a/b/c\"", below.Message, StringComparison.Ordinal);
        Assert.Equal("d", over.Key);
        Assert.False(await store.PutIfAbsentAsync("d", Payloads.Stream([4])));
        Assert.Equal([1], await store.GetAsync("a"));
        Assert.Equal([2], await store.GetAsync("d/e"));
        Assert.Empty(Directory.GetFiles(TempDirectory));
    }

    [Fact]
    public async Task Listing_skips_symbolic_links_and_names_that_are_not_keys()
    {
        using var store = new FileSystemObjectStore(Root);
        await store.PutAsync("ok", Payloads.Stream([1]));
        string outside = Path.Join(_directory.FullName, "outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllBytesAsync(Path.Join(outside, "secret"), [9]);
        Directory.CreateSymbolicLink(Path.Join(Root, "link"), outside);
        File.CreateSymbolicLink(Path.Join(Root, "filelink"), Path.Join(outside, "secret"));
        await File.WriteAllBytesAsync(Path.Join(Root, "bad name"), [1]);

        Assert.Equal(["ok"], (await store.ListAsync("").ToListAsync()).Select(i => i.Key).ToArray());
    }

    /// <summary>
    /// A stream that serves bytes and then throws <see cref="IOException"/> once <c>failAfter</c> bytes have been
    /// read. (A MemoryStream subclass routes span and async reads through the array overload.)
    /// </summary>
    private sealed class FailingStream(byte[] bytes, int failAfter) : MemoryStream(bytes, writable: false)
    {
        public IOException Error { get; } = new("The content source failed on purpose.");

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAfter)
            {
                throw Error;
            }
            return base.Read(buffer, offset, (int)Math.Min(count, failAfter - Position));
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }
}
