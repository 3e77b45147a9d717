using Lode.IO;

namespace Lode.IO.Tests;

/// <summary>One contract, run against every <see cref="IByteSource"/> implementation.</summary>
public sealed class ByteSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Kinds => new() { "file", "memory", "slice" };

    private IByteSource Create(string kind, byte[] data)
    {
        switch (kind)
        {
            case "file":
                string path = Path.Combine(_dir, "data.bin");
                File.WriteAllBytes(path, data);
                return FileByteSource.Open(path);
            case "memory":
                return new MemoryByteSource(data);
            default:
                var padded = new byte[data.Length + 20];
                data.CopyTo(padded, 7);
                return new ByteSourceSlice(new MemoryByteSource(padded), 7, data.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Reads_at_any_offset_are_exact_and_short_only_at_the_end(string kind)
    {
        var data = new byte[10_000];
        new Random(3).NextBytes(data);
        using var source = Create(kind, data);
        Assert.Equal(data.Length, source.Length);
        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            long offset = random.Next(data.Length + 10);
            var buffer = new byte[random.Next(1, 3000)];
            int n = source.ReadAt(offset, buffer);
            int expected = (int)Math.Clamp(data.Length - offset, 0, buffer.Length);
            Assert.Equal(expected, n);
            Assert.Equal(data.AsSpan((int)Math.Min(offset, data.Length), expected).ToArray(), buffer.AsSpan(0, n).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Lent_memory_equals_what_reads_return_and_ranges_outside_are_not_lent(string kind)
    {
        var data = new byte[10_000];
        new Random(4).NextBytes(data);
        using var source = Create(kind, data);
        var random = new Random(6);
        for (int i = 0; i < 200; i++)
        {
            int length = random.Next(3000);
            int offset = random.Next(data.Length - length + 1);
            Assert.True(source.TryGetMemory(offset, length, out var memory));
            Assert.Equal(data.AsSpan(offset, length).ToArray(), memory.ToArray());
        }
        Assert.False(source.TryGetMemory(data.Length - 5, 6, out _));
        Assert.False(source.TryGetMemory(-1, 1, out _));
        Assert.False(source.TryGetMemory(0, -1, out _));
    }

    [Fact]
    public void Memory_lent_by_a_file_stays_readable_after_the_source_is_disposed()
    {
        var data = new byte[100_000];
        new Random(7).NextBytes(data);
        string path = Path.Combine(_dir, "lent.bin");
        File.WriteAllBytes(path, data);
        ReadOnlyMemory<byte> memory;
        using (var source = FileByteSource.Open(path))
        {
            Assert.True(source.TryGetMemory(50_000, 40_000, out memory));
            Assert.False(source.TryGetMemory(0, data.Length + 1, out _));
        }
        File.Delete(path);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(data.AsSpan(50_000, 40_000).ToArray(), memory.ToArray());
    }

    [Fact]
    public void An_empty_file_lends_only_nothing()
    {
        string path = Path.Combine(_dir, "empty.bin");
        File.WriteAllBytes(path, []);
        using var source = FileByteSource.Open(path);
        Assert.False(source.TryGetMemory(0, 1, out _));
        Assert.Equal(0, source.ReadAt(0, new byte[1]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Negative_offset_is_refused(string kind)
    {
        using var source = Create(kind, new byte[10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.ReadAt(-1, new byte[1]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ReadExactlyAt_past_the_end_throws(string kind)
    {
        using var source = Create(kind, new byte[10]);
        Assert.Throws<EndOfStreamException>(() => source.ReadExactlyAt(5, new byte[6]));
        Assert.Throws<EndOfStreamException>(() => source.ReadBytes(11, 0));
        Assert.Equal(new byte[5], source.ReadBytes(5, 5));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Concurrent_readers_see_their_own_bytes(string kind)
    {
        var data = new byte[1 << 20];
        new Random(9).NextBytes(data);
        using var source = Create(kind, data);
        Parallel.For(0, 32, seed =>
        {
            var random = new Random(seed);
            var buffer = new byte[4096];
            for (int i = 0; i < 100; i++)
            {
                int offset = random.Next(data.Length - buffer.Length);
                source.ReadExactlyAt(offset, buffer);
                Assert.True(data.AsSpan(offset, buffer.Length).SequenceEqual(buffer));
            }
        });
    }

    [Fact]
    public void Slice_outside_the_source_is_refused()
    {
        using var inner = new MemoryByteSource(new byte[10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ByteSourceSlice(inner, 5, 6));
    }
}
