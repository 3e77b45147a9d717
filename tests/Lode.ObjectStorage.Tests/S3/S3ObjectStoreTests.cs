namespace Lode.ObjectStorage.Tests;

public sealed class S3ObjectStoreTests(S3rverProcess server) : IClassFixture<S3rverProcess>
{
    private static string NewPrefix() => "s/" + Guid.NewGuid().ToString("N");

    /// <summary>A stream that produces its bytes as it is read and cannot seek, like a pipe.</summary>
    private sealed class PipeLikeStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 100_000), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_large_object_goes_up_in_parallel_parts_from_a_stream_that_cannot_seek()
    {
        var options = server.Options(NewPrefix()) with
        {
            MultipartThreshold = S3ObjectStoreOptions.MinPartSize,
            PartSize = S3ObjectStoreOptions.MinPartSize,
            UploadParallelism = 3,
        };
        using var store = new S3ObjectStore(options);
        byte[] bytes = Payloads.Random(3 * S3ObjectStoreOptions.MinPartSize + 12345, 1);
        await store.PutAsync("big", new PipeLikeStream(bytes));
        Assert.Equal(bytes, await store.GetAsync("big"));
        Assert.False(await store.PutIfAbsentAsync("big", new PipeLikeStream(bytes)));
        Assert.True(await store.PutIfAbsentAsync("big2", new PipeLikeStream(bytes)));
        Assert.Equal(bytes.Length, (await store.HeadAsync("big2"))!.Length);
    }

    [Fact]
    public async Task Listing_follows_continuation_tokens_across_pages()
    {
        using var store = new S3ObjectStore(server.Options(NewPrefix()) with { ListPageSize = 3 });
        var keys = Enumerable.Range(0, 11).Select(i => $"k/{i:D2}").ToArray();
        foreach (string key in keys.Reverse())
        {
            await store.PutAsync(key, Payloads.Stream([1]));
        }
        Assert.Equal(keys, (await store.ListAsync("k/").ToListAsync()).Select(i => i.Key).ToArray());
    }

    [Fact]
    public async Task A_missing_bucket_and_refused_credentials_are_permanent_errors_that_say_what_to_do()
    {
        using var noBucket = new S3ObjectStore(server.Options("p") with { Bucket = "no-such-bucket" });
        var missing = await Assert.ThrowsAsync<ObjectStorePermanentException>(() => noBucket.PutAsync("k", Payloads.Stream([1])));
        Assert.Contains("bucket does not exist", missing.Message, StringComparison.Ordinal);

        using var badKeys = new S3ObjectStore(server.Options("p") with { Credentials = new S3Credentials("WRONG", "WRONG") });
        var refused = await Assert.ThrowsAsync<ObjectStorePermanentException>(() => badKeys.PutAsync("k", Payloads.Stream([1])));
        Assert.Contains("credentials", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_come_from_the_standard_environment_variables()
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9",
            ["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9000",
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
            ["AWS_PROFILE"] = "lode",
        };
        var options = S3ObjectStoreOptions.FromEnvironment("b", "p/q", name => variables.GetValueOrDefault(name));
        Assert.Equal(new Uri("http://127.0.0.1:9000"), options.Endpoint);
        Assert.True(options.ForcePathStyle);
        Assert.Equal("eu-west-1", options.Region);
        Assert.Equal("lode", options.Profile);
        Assert.Equal("p/q/", options.NormalizedPrefix);

        variables["AWS_REGION"] = "ap-south-1";
        variables.Remove("AWS_ENDPOINT_URL_S3");
        variables.Remove("AWS_ENDPOINT_URL");
        options = S3ObjectStoreOptions.FromEnvironment("b", environment: name => variables.GetValueOrDefault(name));
        Assert.Null(options.Endpoint);
        Assert.False(options.ForcePathStyle);
        Assert.Equal("ap-south-1", options.Region);

        variables["AWS_ENDPOINT_URL"] = "not a url";
        Assert.Throws<ArgumentException>(() => S3ObjectStoreOptions.FromEnvironment("b", environment: name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public void Backoff_delays_grow_exponentially_with_full_jitter_under_the_cap()
    {
        var backoff = new Backoff(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var ceiling = TimeSpan.FromMilliseconds(Math.Min(1000, 100 * Math.Pow(2, attempt)));
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(attempt)).ToArray();
            Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, ceiling));
            Assert.True(delays.Max() > ceiling * 0.8, $"attempt {attempt}: jitter never came near the ceiling");
            Assert.True(delays.Min() < ceiling * 0.2, $"attempt {attempt}: jitter never came near zero");
        }
    }
}
