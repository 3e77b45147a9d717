using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// The base of decorators that pass every call to an inner <see cref="IObjectStore"/> with something added around
/// each request: latency, faults, a cache. Each request first awaits <see cref="BeforeRequestAsync"/>; bytes read
/// go through <see cref="AfterReadAsync"/>; readers from <see cref="OpenReadAsync"/> go through
/// <see cref="WrapReader"/>. Override the operations themselves to change more.
/// </summary>
/// <remarks>Thread-safe when the inner store and the overrides are. Disposing the decorator disposes the inner store.</remarks>
/// <param name="inner">The store the calls go to; owned by the decorator.</param>
public abstract class DelegatingObjectStore(IObjectStore inner) : IObjectStore
{
    /// <summary>The store the calls go to.</summary>
    protected IObjectStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public virtual async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        await BeforeRequestAsync(key, cancellationToken);
        return await Inner.HeadAsync(key, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await BeforeRequestAsync(key, cancellationToken);
        return await AfterReadAsync(key, await Inner.GetAsync(key, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        await BeforeRequestAsync(key, cancellationToken);
        return await AfterReadAsync(key, await Inner.GetRangeAsync(key, offset, length, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<IByteSource> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await BeforeRequestAsync(key, cancellationToken);
        return WrapReader(key, await Inner.OpenReadAsync(key, cancellationToken));
    }

    /// <inheritdoc />
    public virtual async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        await BeforeRequestAsync(key, cancellationToken);
        await Inner.PutAsync(key, content, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        await BeforeRequestAsync(key, cancellationToken);
        return await Inner.PutIfAbsentAsync(key, content, cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        Inner.ListAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public virtual async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await BeforeRequestAsync(key, cancellationToken);
        await Inner.DeleteAsync(key, cancellationToken);
    }

    /// <summary>Disposes the inner store.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner store; override to release more, calling the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }
    }

    /// <summary>Runs before each request (except listings) reaches the inner store: wait, fail, count.</summary>
    protected virtual ValueTask BeforeRequestAsync(string key, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Sees (and may replace) the bytes a get returned, which the caller then owns.</summary>
    protected virtual ValueTask<byte[]> AfterReadAsync(string key, byte[] bytes, CancellationToken cancellationToken) => ValueTask.FromResult(bytes);

    /// <summary>Wraps a reader of the inner store; the result owns <paramref name="reader"/>.</summary>
    protected virtual IByteSource WrapReader(string key, IByteSource reader) => reader;
}
