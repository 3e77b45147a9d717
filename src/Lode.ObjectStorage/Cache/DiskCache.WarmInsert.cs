using System.Buffers;

namespace Lode.ObjectStorage;

/// <summary>Warm insert: a writer puts the bytes it just uploaded straight into the cache.</summary>
public sealed partial class DiskCache
{
    private const int CopyBufferBytes = 1 << 20;

    /// <summary>
    /// Puts <paramref name="length"/> bytes read from <paramref name="content"/> (from its position to its end)
    /// into the cache as object <paramref name="key"/>, as if fetched. Idempotent: when an entry of that length is
    /// already there, returns <c>true</c> without reading the content; an entry of another length is replaced.
    /// Returns <c>false</c>, caching nothing, when the budget has no room.
    /// </summary>
    /// <exception cref="ArgumentException">The content has more or fewer bytes than <paramref name="length"/>; nothing is cached.</exception>
    /// <exception cref="ObjectStoreException">The cache directory failed.</exception>
    public async ValueTask<bool> WarmInsertAsync(string scope, string key, Stream content, long length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(content);
        ObjectKey.Validate(key);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        string name = EntryFile.Name(scope, key);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(name, out var existing))
            {
                if (existing.Length == length)
                {
                    return true;
                }
                _entries.Remove(name);
                Drop(existing);
            }
        }
        await using var writer = CacheWriter.Begin(this, scope, key, EntryFile.FileBytes(scope, key, length));
        if (writer is null)
        {
            return false;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            long total = 0;
            int n;
            while ((n = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += n;
                if (total > length)
                {
                    break;
                }
                await writer.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            }
            if (total != length)
            {
                throw new ArgumentException(
                    $"Warm insert of object {ObjectKey.Describe(key)}: the content has {(total > length ? "more than " : "")}{total} bytes, " +
                    $"not the {length} declared; nothing was cached.", nameof(length));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        bool inserted = await writer.CommitAsync(length, cancellationToken) is not null;
        if (inserted)
        {
            CountWarmInsert();
        }
        return inserted;
    }

    /// <summary>Counts a warm insert in <see cref="Stats"/>.</summary>
    internal void CountWarmInsert() => Interlocked.Increment(ref _warmInserts);
}
