using FsCheck;
using FsCheck.Fluent;

namespace Lode.IO.Tests.ReadAhead;

public class PrefetchStreamTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static byte[] ReadAll(Stream stream, int readSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }
        return output.ToArray();
    }

    [Fact]
    public void Any_data_chunk_size_depth_and_read_size_reads_back_the_source()
    {
        Prop.ForAll(
            Gen.Choose(0, 8192).Zip(Gen.Choose(1, 2048)).Zip(Gen.Choose(1, 6).Zip(Gen.Choose(1, 256)).Zip(Gen.Choose(1, 300))).ToArbitrary(),
            t =>
            {
                var ((length, chunk), ((depth, readSize), innerRead)) = t;
                var data = RandomBytes(length, length ^ chunk);
                using var stream = new PrefetchStream(new ScriptedStream(data, innerRead), chunk, depth);
                return ReadAll(stream, readSize).AsSpan().SequenceEqual(data);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_megabyte_through_8_KiB_chunks_reads_back_identically()
    {
        var data = RandomBytes(1_000_003, 7);
        using var stream = new PrefetchStream(new MemoryStream(data), 8192, 4);
        Assert.Equal(data, ReadAll(stream, 65536));
        Assert.Equal(data.Length, stream.BytesConsumed);
    }

    [Fact]
    public void Tiny_chunks_with_many_small_reads_read_back_identically()
    {
        var data = RandomBytes(20_000, 8);
        using var stream = new PrefetchStream(new MemoryStream(data), 3, 2);
        var output = new MemoryStream();
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            output.WriteByte((byte)b);
        }
        Assert.Equal(data, output.ToArray());
    }

    [Fact]
    public void Read_after_the_end_returns_zero_every_time()
    {
        using var stream = new PrefetchStream(new MemoryStream([1, 2, 3]), 2, 1);
        Assert.Equal([1, 2, 3], ReadAll(stream, 10));
        var buffer = new byte[10];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(0, stream.Read(buffer));
        }
    }

    [Fact]
    public async Task ReadAsync_CopyTo_and_CopyToAsync_deliver_the_same_bytes()
    {
        var data = RandomBytes(300_001, 9);
        using (var stream = new PrefetchStream(new ScriptedStream(data, 777), 4096, 3))
        {
            var output = new MemoryStream();
            var buffer = new byte[1000];
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory())) > 0)
            {
                output.Write(buffer, 0, n);
            }
            Assert.Equal(data, output.ToArray());
        }
        using (var stream = new PrefetchStream(new ScriptedStream(data, 777), 4096, 3))
        {
            var output = new MemoryStream();
            stream.CopyTo(output);
            Assert.Equal(data, output.ToArray());
        }
        using (var stream = new PrefetchStream(new ScriptedStream(data, 777), 4096, 3))
        {
            var output = new MemoryStream();
            await stream.CopyToAsync(output);
            Assert.Equal(data, output.ToArray());
            Assert.Equal(data.Length, stream.BytesConsumed);
        }
    }

    [Fact]
    public void An_always_failing_inner_stream_throws_once_then_reads_zero()
    {
        var failure = new InvalidOperationException("disk on fire");
        using var stream = new PrefetchStream(new ScriptedStream([], error: failure), 16, 2);
        var buffer = new byte[8];
        var thrown = Assert.Throws<IOException>(() => stream.Read(buffer));
        Assert.Same(failure, thrown.InnerException);
        Assert.Equal(0, stream.Read(buffer));
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public void Bytes_read_before_a_failure_arrive_before_the_error()
    {
        var data = RandomBytes(1000, 10);
        var failure = new IOException("cable unplugged");
        using var stream = new PrefetchStream(new ScriptedStream(data, 100, failure), 64, 2);
        var output = new MemoryStream();
        var buffer = new byte[50];
        var thrown = Assert.Throws<IOException>(() =>
        {
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, n);
            }
        });
        Assert.Same(failure, thrown.InnerException);
        Assert.Equal(data, output.ToArray());
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public void CopyTo_writes_every_byte_before_the_failure_then_throws()
    {
        var data = RandomBytes(5000, 11);
        using var stream = new PrefetchStream(new ScriptedStream(data, 300, new TimeoutException("slow")), 1024, 2);
        var output = new MemoryStream();
        var thrown = Assert.Throws<IOException>(() => stream.CopyTo(output));
        Assert.IsType<TimeoutException>(thrown.InnerException);
        Assert.Equal(data, output.ToArray());
    }

    [Fact]
    public void Dispose_runs_on_the_callers_thread_after_the_producer_has_exited()
    {
        var inner = new ScriptedStream(RandomBytes(100_000, 12), 1000);
        var stream = new PrefetchStream(inner, 1000, 2);
        Assert.Equal(10, stream.Read(new byte[10]));
        stream.Dispose();
        Assert.True(stream.ProducerExited);
        Assert.Equal(Environment.CurrentManagedThreadId, inner.DisposedOnThread);
        Assert.Equal(0, stream.BuffersOutstanding);
    }

    [Fact]
    public void LeaveOpen_keeps_the_inner_stream_open()
    {
        var inner = new ScriptedStream([1, 2, 3]);
        new PrefetchStream(inner, 2, 1, leaveOpen: true).Dispose();
        Assert.Null(inner.DisposedOnThread);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Dispose_with_a_full_queue_returns_promptly_and_releases_every_buffer(int bytesReadFirst)
    {
        var stream = new PrefetchStream(new MemoryStream(RandomBytes(1 << 20, 13)), 1024, 3);
        if (bytesReadFirst > 0)
        {
            Assert.Equal(bytesReadFirst, stream.Read(new byte[bytesReadFirst]));
        }
        Assert.True(SpinWait.SpinUntil(() => stream.ProducerWaits > 0, Bound), "the producer never filled the queue");
        await Task.Run(stream.Dispose).WaitAsync(Bound);
        Assert.True(stream.ProducerExited);
        Assert.Equal(0, stream.BuffersOutstanding);
    }

    [Fact]
    public async Task The_first_bytes_of_a_slow_source_arrive_before_its_pause_ends()
    {
        using var inner = new PausingStream([42, 43, 44]);
        using var stream = new PrefetchStream(inner, leaveOpen: true);
        var buffer = new byte[PrefetchStream.DefaultChunkSize];
        int read;
        try
        {
            // The source pauses until released, so the read can only finish early if the chunk was handed over at once.
            read = await Task.Run(() => stream.Read(buffer)).WaitAsync(Bound);
        }
        finally
        {
            inner.Release();
        }
        Assert.Equal(3, read);
        Assert.Equal([42, 43, 44], buffer[..3]);
    }

    [Fact]
    public void A_stalled_consumer_holds_at_most_depth_plus_two_buffers()
    {
        const int depth = 3;
        using var stream = new PrefetchStream(new ScriptedStream(RandomBytes(1 << 20, 14), 100), 256, depth);
        Assert.Equal(1, stream.Read(new byte[1]));
        Assert.True(SpinWait.SpinUntil(() => stream.ProducerWaits > 0, Bound), "the producer never filled the queue");
        Assert.InRange(stream.BuffersOutstanding, 1, depth + 2);
        Assert.Equal(1 << 20, 1 + ReadAll(stream, 4096).Length);
        Assert.InRange(stream.PeakBuffersOutstanding, 1, depth + 2);
    }

    [Fact]
    public async Task Counters_report_consumed_bytes_and_stalls()
    {
        using var inner = new PausingStream([1, 2]);
        using var stream = new PrefetchStream(inner, 8, 2, leaveOpen: true);
        var buffer = new byte[8];
        Assert.Equal(2, await Task.Run(() => stream.Read(buffer)).WaitAsync(Bound));
        long stallsBefore = stream.ConsumerStalls;
        var second = Task.Run(() => stream.Read(buffer));
        Assert.True(SpinWait.SpinUntil(() => stream.ConsumerStalls > stallsBefore, Bound), "the second read did not stall");
        Assert.False(second.IsCompleted);
        inner.Release();
        Assert.Equal(0, await second.WaitAsync(Bound));
        Assert.Equal(2, stream.BytesConsumed);
        Assert.True(stream.StallTime > TimeSpan.Zero);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrefetchStream(new MemoryStream(), chunkSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrefetchStream(new MemoryStream(), depth: 0));
        Assert.Throws<ArgumentNullException>(() => new PrefetchStream(null!));
        var writeOnly = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        using (writeOnly)
        {
            Assert.Throws<ArgumentException>(() => new PrefetchStream(writeOnly));
        }
        using var stream = new PrefetchStream(new MemoryStream([1]));
        Assert.False(stream.CanSeek);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
    }

    [Fact]
    public void Reading_after_dispose_throws_ObjectDisposedException()
    {
        var stream = new PrefetchStream(new MemoryStream([1, 2, 3]));
        stream.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[1]));
        Assert.False(stream.CanRead);
    }

    [Fact]
    public void ReadChunk_hands_out_every_byte_in_order_without_copying()
    {
        var data = RandomBytes(100_003, 15);
        using var stream = new PrefetchStream(new ScriptedStream(data, 999), 4096, 2);
        var output = new MemoryStream();
        ReadOnlySpan<byte> chunk;
        int calls = 0;
        while (!(chunk = stream.ReadChunk(calls++ % 2 == 0 ? 700 : int.MaxValue)).IsEmpty)
        {
            Assert.InRange(chunk.Length, 1, 999);
            output.Write(chunk);
        }
        Assert.Equal(data, output.ToArray());
        Assert.True(stream.ReadChunk().IsEmpty);
    }

    [Fact]
    public void ReadChunk_throws_the_failure_after_the_bytes_before_it()
    {
        var data = RandomBytes(3000, 16);
        using var stream = new PrefetchStream(new ScriptedStream(data, 1000, new IOException("gone")), 1024, 2);
        var output = new MemoryStream();
        Assert.Throws<IOException>(() =>
        {
            while (true)
            {
                var chunk = stream.ReadChunk();
                if (chunk.IsEmpty)
                {
                    break;
                }
                output.Write(chunk);
            }
        });
        Assert.Equal(data, output.ToArray());
        Assert.True(stream.ReadChunk().IsEmpty);
    }
}
