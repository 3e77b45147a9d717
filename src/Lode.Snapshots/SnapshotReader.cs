using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots;

/// <summary>
/// Random access to the streams of a snapshot file: master index (binary search by logical offset) → index
/// page → block → CRC32C check → decrypt → decompress (exact length check) → bytes; parent blocks come from parent
/// snapshots and are checked against their hash. Layout: docs/format.md, "Snapshot container".
/// </summary>
/// <remarks>
/// <para>Thread-safe: any number of threads may read at once. Does not own the <see cref="IByteSource"/> unless
/// <see cref="SnapshotReaderOptions.OwnsSource"/> says so; owns the parents it opened and disposes them.</para>
/// <para>Caches: decompressed blocks in a sharded LRU of <see cref="SnapshotReaderOptions.BlockCacheBytes"/>
/// bytes (duplicate blocks share one entry; a block being decoded by one thread is awaited, not decoded again, by
/// another); decoded index pages in a sharded LRU of 16 MiB (about 55 full pages). Master indexes (64 bytes per
/// index page) stay in memory. Sequential reads start a background prefetch of the next
/// <see cref="SnapshotReaderOptions.PrefetchBlocks"/> blocks (one prefetch in flight); a read spanning 4 or more
/// blocks decodes them in parallel.</para>
/// <para>A reader never returns wrong bytes: damage raises <see cref="SnapshotCorruptException"/> (checksum,
/// hash or decompression failure), <see cref="SnapshotFormatException"/> (structure) or
/// <see cref="SnapshotAuthenticationException"/> (key, MAC or tag).</para>
/// </remarks>
public sealed partial class SnapshotReader : IDisposable
{
    private const long PageCacheBytes = 16L << 20;
    private readonly IByteSource _source;
    private readonly bool _ownsSource;
    private readonly HeaderFields _fields;
    private readonly Dictionary<string, StreamIndex> _streams;
    private readonly StreamIndex[] _streamList;
    private readonly BlockTransform _transform;
    private readonly BlockRules _rules;
    private readonly LruCache<BlockKey, byte[]> _blocks;
    private readonly LruCache<long, IndexPage> _pages = new(PageCacheBytes);
    private readonly ParentSet _parents;
    private readonly Prefetcher _prefetcher;
    private readonly IDisposable[] _owned;
    private volatile bool _disposed;

    private SnapshotReader(IByteSource source, OpenedFile file, SnapshotReaderOptions options, IReadOnlyList<string> warnings)
    {
        _source = source;
        _ownsSource = options.OwnsSource;
        _fields = file.Fields;
        _streamList = file.Streams;
        _streams = file.Streams.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _transform = file.Transform;
        _rules = new BlockRules(file.Fields.Encryption.IsEncrypted, file.Parents.Count, source.Length);
        _blocks = new LruCache<BlockKey, byte[]>(options.BlockCacheBytes);
        _parents = new ParentSet(file.Parents, options.ParentLoader);
        _prefetcher = new Prefetcher(this, options.PrefetchBlocks);
        _owned = file.Owned;
        SnapshotId = options.SnapshotId;
        Warnings = warnings;
        Header = new SnapshotHeader(
            new SnapshotVersion(_fields.Major, _fields.Minor),
            _fields.Codec,
            _fields.Level,
            _fields.Defaults.Chunking,
            FromUnixMicroseconds(_fields.CreatedAtMicroseconds),
            _fields.WriterVersion,
            _fields.IntegrityRoot.ToString(),
            file.Streams.Select(s => new SnapshotStreamInfo(s.Name, s.Length, s.BlockCount, s.Settings.Codec, s.Settings.Level, s.Settings.Chunking)).ToArray())
        {
            Parents = file.Parents.Select(p => p.ToPublic()).ToArray(),
            IsEncrypted = _fields.Encryption.IsEncrypted,
            IsPasswordProtected = _fields.Encryption.Kdf == KdfId.Pbkdf2Sha256,
            DictionaryLength = file.DictionaryLength,
        };
    }

    /// <summary>The validated header.</summary>
    public SnapshotHeader Header { get; }

    /// <summary>Warnings from opening, e.g. that the file is a newer minor version than this reader knows.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// This snapshot's id: from <see cref="SnapshotReaderOptions.SnapshotId"/>, or the id a child loaded it by;
    /// null when neither.
    /// </summary>
    public string? SnapshotId { get; private set; }

    /// <summary>
    /// Opens a snapshot: checks magic, version (same major; a newer minor reads with a warning), header CRC32C,
    /// that every offset and length lies inside the source; for an encrypted file the key check value and the
    /// header MAC; the descriptor's and each master index's SHA-256, the integrity root and the dictionary — all
    /// before reading any block, and before allocating anything larger than what the header describes and the
    /// file holds (64 bytes per index page, the descriptor, the dictionary).
    /// </summary>
    /// <param name="source">The snapshot file; owned only when <see cref="SnapshotReaderOptions.OwnsSource"/> is set.</param>
    /// <param name="options">Caches, key, parent loader; defaults when null.</param>
    /// <exception cref="SnapshotFormatException">The file is not a readable snapshot; the message says why and where.</exception>
    /// <exception cref="SnapshotCorruptException">The descriptor, a master index, the root or the dictionary does not match its hash.</exception>
    /// <exception cref="SnapshotAuthenticationException">The file is encrypted and no key, or the wrong key, was given; the
    /// header was tampered with; or a key was given for a file that is not encrypted.</exception>
    /// <exception cref="IOException">The source failed.</exception>
    public static SnapshotReader Open(IByteSource source, SnapshotReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new SnapshotReaderOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.BlockCacheBytes, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.PrefetchBlocks, nameof(options));
        if (options.SnapshotId is not null)
        {
            SnapshotIds.Validate(options.SnapshotId, nameof(options));
        }
        var warnings = new List<string>();
        var file = OpenedFile.Load(source, options.Encryption, warnings);
        return new SnapshotReader(source, file, options, warnings);
    }

    /// <summary>Whether the snapshot has a stream named <paramref name="stream"/>.</summary>
    public bool HasStream(string stream) => _streams.ContainsKey(stream);

    /// <summary>The logical length in bytes of <paramref name="stream"/>.</summary>
    /// <exception cref="KeyNotFoundException">The snapshot has no such stream; the message names it and the ones present.</exception>
    public long GetLength(string stream) => GetStream(stream).Length;

    /// <summary>
    /// Reads logical bytes of <paramref name="stream"/> starting at <paramref name="offset"/> into
    /// <paramref name="buffer"/> (owned by the caller).
    /// </summary>
    /// <returns>The bytes read: <c>buffer.Length</c>, fewer at the end of the stream, 0 at or beyond it.</returns>
    /// <exception cref="KeyNotFoundException">No such stream.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative.</exception>
    /// <exception cref="SnapshotCorruptException">A block or index page is damaged; nothing wrong is returned.</exception>
    /// <exception cref="SnapshotFormatException">An index page is malformed.</exception>
    /// <exception cref="SnapshotAuthenticationException">An encrypted block fails its tag.</exception>
    /// <exception cref="ParentSnapshotNotFoundException">A parent block's snapshot cannot be opened.</exception>
    /// <exception cref="ObjectDisposedException">The reader was disposed.</exception>
    public int ReadAt(string stream, long offset, Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var index = GetStream(stream);
        if (offset >= index.Length || buffer.IsEmpty)
        {
            return 0;
        }
        int total = (int)Math.Min(buffer.Length, index.Length - offset);
        ReadRange(index, offset, buffer[..total]);
        _prefetcher.Observe(index, offset, offset + total);
        return total;
    }

    /// <summary>
    /// A read-only, seekable <see cref="Stream"/> over <paramref name="stream"/> (CanSeek, Length, Position).
    /// Each returned stream has its own position; it may be used by one thread at a time.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such stream.</exception>
    public Stream OpenStream(string stream) => new SnapshotStream(this, stream, GetStream(stream).Length);

    /// <summary>
    /// Marks the reader closed, waits for a prefetch in flight, and disposes the parents it opened, the dictionary
    /// and cipher, and the source when it owns it. Safe to call more than once.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _prefetcher.Dispose();
        _parents.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        if (_ownsSource)
        {
            _source.Dispose();
        }
    }

    private StreamIndex GetStream(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!_streams.TryGetValue(stream, out var index))
        {
            throw new KeyNotFoundException(
                $"The snapshot has no stream '{stream}'; it has: {string.Join(", ", _streams.Keys.Select(k => $"'{k}'"))}.");
        }
        return index;
    }

    private static DateTimeOffset FromUnixMicroseconds(long microseconds)
    {
        long epoch = DateTimeOffset.UnixEpoch.UtcTicks;
        long min = (DateTimeOffset.MinValue.UtcTicks - epoch) / TimeSpan.TicksPerMicrosecond;
        long max = (DateTimeOffset.MaxValue.UtcTicks - epoch) / TimeSpan.TicksPerMicrosecond;
        return DateTimeOffset.UnixEpoch.AddTicks(Math.Clamp(microseconds, min, max) * TimeSpan.TicksPerMicrosecond);
    }
}
