using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// A decorator that makes an <see cref="IObjectStore"/> misbehave on purpose, for tests: transient errors,
/// timeouts, random latency and truncated bodies, each at a configured rate, drawn from a seeded random sequence.
/// Listings pass through untouched.
/// </summary>
/// <remarks>
/// Thread-safe; the decisions come from one seeded <see cref="Random"/> under a lock, so a single-threaded caller
/// sees the same faults for the same seed. Injected errors are <see cref="ObjectStoreTransientException"/> whose
/// message starts with "Injected". A truncated body breaks the store contract on purpose: it is what a cache or
/// reader in front must catch.
/// </remarks>
public sealed class FaultInjectingObjectStore : DelegatingObjectStore
{
    private readonly FaultInjectingObjectStoreOptions _options;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private long _faults;

    /// <summary>Wraps <paramref name="inner"/>, which the decorator then owns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public FaultInjectingObjectStore(IObjectStore inner, FaultInjectingObjectStoreOptions options) : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>How many faults (errors, timeouts, truncations) were injected so far.</summary>
    public long InjectedFaults => Interlocked.Read(ref _faults);

    /// <inheritdoc />
    protected override async ValueTask BeforeRequestAsync(string key, CancellationToken cancellationToken)
    {
        var (latency, error, timeout) = Decide();
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }
        if (timeout)
        {
            await Task.Delay(_options.TimeoutDelay, cancellationToken);
            throw Injected(key, "timeout");
        }
        if (error)
        {
            throw Injected(key, "error");
        }
    }

    /// <inheritdoc />
    protected override ValueTask<byte[]> AfterReadAsync(string key, byte[] bytes, CancellationToken cancellationToken) =>
        ValueTask.FromResult(bytes.Length > 0 && Draw(_options.TruncateRate) ? bytes[..NextInt(bytes.Length)] : bytes);

    /// <inheritdoc />
    protected override IByteSource WrapReader(string key, IByteSource reader) => new FaultyReader(this, key, reader);

    private (TimeSpan Latency, bool Error, bool Timeout) Decide()
    {
        lock (_lock)
        {
            var latency = TimeSpan.FromTicks((long)(_random.NextDouble() * _options.MaxLatency.Ticks));
            bool timeout = _random.NextDouble() < _options.TimeoutRate;
            bool error = _random.NextDouble() < _options.ErrorRate;
            return (latency, error, timeout);
        }
    }

    private bool Draw(double rate)
    {
        lock (_lock)
        {
            bool hit = _random.NextDouble() < rate;
            if (hit)
            {
                _faults++;
            }
            return hit;
        }
    }

    private int NextInt(int maxExclusive)
    {
        lock (_lock)
        {
            return _random.Next(maxExclusive);
        }
    }

    private ObjectStoreTransientException Injected(string key, string what)
    {
        Interlocked.Increment(ref _faults);
        return new ObjectStoreTransientException($"Injected {what} for object {ObjectKey.Describe(key)} (fault injection); retry.", key, null);
    }

    /// <summary>A reader whose reads fail or come back short at the store's rates.</summary>
    private sealed class FaultyReader(FaultInjectingObjectStore store, string key, IByteSource inner) : IByteSource
    {
        public long Length => inner.Length;

        public int ReadAt(long offset, Span<byte> buffer)
        {
            var (_, error, timeout) = store.Decide();
            if (error || timeout)
            {
                throw store.Injected(key, timeout ? "timeout" : "error");
            }
            int n = inner.ReadAt(offset, buffer);
            return n > 0 && store.Draw(store._options.TruncateRate) ? store.NextInt(n) : n;
        }

        public void Dispose() => inner.Dispose();
    }
}
