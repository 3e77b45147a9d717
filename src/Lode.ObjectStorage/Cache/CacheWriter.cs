namespace Lode.ObjectStorage;

/// <summary>
/// Writes one entry file of a <see cref="DiskCache"/>: a uniquely named temp file (held with an exclusive lock,
/// so recovery can tell it from a crashed writer's), written sequentially or positionally, counted against the
/// budget before each byte lands, then trailer, fsync, and a link into place by <see cref="DiskCache"/>.
/// </summary>
/// <remarks>
/// Positional writes (<see cref="WriteAtAsync"/>) may run concurrently once the whole size is reserved;
/// sequential writes (<see cref="WriteAsync"/>) come from one caller. A writer that cannot get room or fails
/// abandons quietly: its temp file is removed and its reservation returned, and <see cref="CommitAsync"/>
/// returns <c>null</c>.
/// </remarks>
internal sealed class CacheWriter : IAsyncDisposable
{
    private const long GrowStep = 8 << 20;

    private readonly DiskCache _cache;
    private readonly FileStream _file;
    private long _reserved;
    private long _written;
    private bool _done;

    private CacheWriter(DiskCache cache, string scope, string key, string temp, FileStream file, long reserved)
    {
        _cache = cache;
        Scope = scope;
        Key = key;
        TempPath = temp;
        _file = file;
        _reserved = reserved;
    }

    public string Scope { get; }

    public string Key { get; }

    public string TempPath { get; }

    /// <summary>Whether the writer gave up (no room, or a failure); nothing will be committed.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>
    /// Reserves <paramref name="initialBytes"/> and creates the temp file; <c>null</c> when the budget has no room.
    /// </summary>
    /// <exception cref="ObjectStoreException">The temp file cannot be created.</exception>
    public static CacheWriter? Begin(DiskCache cache, string scope, string key, long initialBytes)
    {
        if (!cache.TryReserve(initialBytes))
        {
            return null;
        }
        string temp = cache.NewTempPath();
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            return new CacheWriter(cache, scope, key, temp, file, initialBytes);
        }
        catch (Exception e) when (IoErrors.IsIo(e))
        {
            cache.Release(initialBytes);
            throw IoErrors.Map(e, "create a cache temp file for", key, temp);
        }
    }

    /// <summary>Appends <paramref name="bytes"/>, growing the reservation as needed; abandons when there is no room.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (Abandoned)
        {
            return;
        }
        if (_written + bytes.Length > _reserved)
        {
            long grow = Math.Max(GrowStep, _written + bytes.Length - _reserved);
            if (!_cache.TryReserve(grow))
            {
                await AbandonAsync();
                return;
            }
            _reserved += grow;
        }
        await RandomAccess.WriteAsync(_file.SafeFileHandle, bytes, _written, cancellationToken);
        _written += bytes.Length;
    }

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="offset"/>; the caller reserved the whole size at <see cref="Begin"/>.</summary>
    public ValueTask WriteAtAsync(long offset, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        RandomAccess.WriteAsync(_file.SafeFileHandle, bytes, offset, cancellationToken);

    /// <summary>
    /// Appends the trailer for an object of <paramref name="length"/> bytes, fsyncs, closes, and hands the file to
    /// the cache. Returns the entry, or <c>null</c> when the writer was abandoned.
    /// </summary>
    public async ValueTask<CacheEntry?> CommitAsync(long length, CancellationToken cancellationToken)
    {
        if (Abandoned)
        {
            return null;
        }
        byte[] trailer = EntryFile.Trailer(Scope, Key, length);
        long fileBytes = length + trailer.Length;
        if (fileBytes > _reserved && !_cache.TryReserve(fileBytes - _reserved))
        {
            await AbandonAsync();
            return null;
        }
        _cache.Release(Math.Max(0, _reserved - fileBytes));
        _reserved = fileBytes;
        await RandomAccess.WriteAsync(_file.SafeFileHandle, trailer, length, cancellationToken);
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync();
        _done = true;
        return _cache.Commit(this, length, fileBytes);
    }

    /// <summary>Gives up: removes the temp file and returns the reservation.</summary>
    public async ValueTask AbandonAsync()
    {
        if (Abandoned || _done)
        {
            return;
        }
        Abandoned = true;
        await _file.DisposeAsync();
        DiskCache.TryDelete(TempPath);
        _cache.Release(_reserved);
        _reserved = 0;
    }

    /// <summary>Abandons unless committed.</summary>
    public ValueTask DisposeAsync() => AbandonAsync();
}
