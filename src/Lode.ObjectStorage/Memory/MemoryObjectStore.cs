using System.Runtime.CompilerServices;
using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// An <see cref="IObjectStore"/> that keeps objects in memory, for tests and for throwaway repositories.
/// Nothing survives the process.
/// </summary>
/// <remarks>
/// Thread-safe. Objects are held in a sorted map under one lock; a put reads its content outside the lock
/// and then swaps the stored array, so puts are atomic. Stored arrays are never mutated after a put: readers
/// from <see cref="OpenReadAsync"/> keep the version they opened, and <see cref="GetAsync"/> returns copies.
/// </remarks>
public sealed class MemoryObjectStore : IObjectStore
{
    private readonly SortedDictionary<string, Entry> _objects = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile bool _disposed;

    /// <summary>Creates an empty store.</summary>
    public MemoryObjectStore()
    {
    }

    /// <inheritdoc />
    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        lock (_lock)
        {
            return Task.FromResult(_objects.TryGetValue(key, out var entry) ? entry.Info(key) : null);
        }
    }

    /// <inheritdoc />
    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        return Task.FromResult(Find(key).Bytes.ToArray());
    }

    /// <inheritdoc />
    public Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte[] bytes = Find(key).Bytes;
        RangeCheck.ThrowIfOutside(key, offset, length, bytes.Length);
        return Task.FromResult(bytes.AsSpan((int)offset, length).ToArray());
    }

    /// <inheritdoc />
    public Task<IByteSource> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        return Task.FromResult<IByteSource>(new MemoryByteSource(Find(key).Bytes));
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(content);
        var entry = new Entry(await ReadAllAsync(content, cancellationToken), DateTimeOffset.UtcNow);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _objects[key] = entry;
        }
    }

    /// <inheritdoc />
    public async Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        ArgumentNullException.ThrowIfNull(content);
        lock (_lock)
        {
            if (_objects.ContainsKey(key))
            {
                return false;
            }
        }
        var entry = new Entry(await ReadAllAsync(content, cancellationToken), DateTimeOffset.UtcNow);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _objects.TryAdd(key, entry);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectDisposedException.ThrowIf(_disposed, this);
        List<ObjectInfo> matches;
        lock (_lock)
        {
            matches = _objects.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(pair => pair.Value.Info(pair.Key))
                .ToList();
        }
        foreach (var info in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return info;
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Begin(key, cancellationToken);
        lock (_lock)
        {
            _objects.Remove(key);
        }
        return Task.CompletedTask;
    }

    /// <summary>Drops every object. Readers already opened keep working.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _objects.Clear();
        }
    }

    private void Begin(string key, CancellationToken cancellationToken)
    {
        ObjectKey.Validate(key);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private Entry Find(string key)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(key, out var entry)
                ? entry
                : throw new ObjectNotFoundException(
                    $"Object {ObjectKey.Describe(key)} does not exist in the memory store.", key, null);
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private sealed record Entry(byte[] Bytes, DateTimeOffset LastModified)
    {
        public ObjectInfo Info(string key) => new(key, Bytes.Length, LastModified);
    }
}
