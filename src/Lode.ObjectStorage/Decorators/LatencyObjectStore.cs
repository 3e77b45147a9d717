using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// A decorator that makes a fast store behave like a remote one, for benchmarks and tests: every request (and
/// every read of a reader) waits a fixed latency, and with a bandwidth cap, also the time its bytes would take
/// to transfer. Listings pass through untouched.
/// </summary>
/// <remarks>
/// The cap applies per request, like one connection: parallel requests each get the full bandwidth, as parallel
/// range GETs on S3 do. Reads are charged after the inner store answered, puts before. Thread-safe.
/// </remarks>
public sealed class LatencyObjectStore : DelegatingObjectStore
{
    private readonly TimeSpan _latency;
    private readonly long? _bytesPerSecond;

    /// <summary>Wraps <paramref name="inner"/> (owned by the decorator).</summary>
    /// <param name="inner">The store to slow down.</param>
    /// <param name="latency">The wait per request, e.g. 20 ms for S3 in the same region.</param>
    /// <param name="bytesPerSecond">A bandwidth cap per request in bytes per second, or <c>null</c> for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">The latency is negative or the cap not positive.</exception>
    public LatencyObjectStore(IObjectStore inner, TimeSpan latency, long? bytesPerSecond = null) : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latency.Ticks, nameof(latency));
        if (bytesPerSecond is { } cap)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap, nameof(bytesPerSecond));
        }
        _latency = latency;
        _bytesPerSecond = bytesPerSecond;
    }

    /// <inheritdoc />
    public override async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await Task.Delay(_latency + TransferTime(content), cancellationToken);
        await Inner.PutAsync(key, content, cancellationToken);
    }

    /// <inheritdoc />
    protected override async ValueTask BeforeRequestAsync(string key, CancellationToken cancellationToken) =>
        await Task.Delay(_latency, cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask<byte[]> AfterReadAsync(string key, byte[] bytes, CancellationToken cancellationToken)
    {
        await Task.Delay(TransferTime(bytes.Length), cancellationToken);
        return bytes;
    }

    /// <inheritdoc />
    protected override IByteSource WrapReader(string key, IByteSource reader) => new SlowReader(this, reader);

    private TimeSpan TransferTime(long bytes) =>
        _bytesPerSecond is { } cap ? TimeSpan.FromSeconds((double)bytes / cap) : TimeSpan.Zero;

    /// <summary>The transfer time of a put's content, when the stream knows its remaining length.</summary>
    private TimeSpan TransferTime(Stream content) => content.CanSeek ? TransferTime(content.Length - content.Position) : TimeSpan.Zero;

    /// <summary>A reader whose every read waits the latency plus its transfer time.</summary>
    private sealed class SlowReader(LatencyObjectStore store, IByteSource inner) : IByteSource
    {
        public long Length => inner.Length;

        public int ReadAt(long offset, Span<byte> buffer)
        {
            int n = inner.ReadAt(offset, buffer);
            Thread.Sleep(store._latency + store.TransferTime(n));
            return n;
        }

        public void Dispose() => inner.Dispose();
    }
}
