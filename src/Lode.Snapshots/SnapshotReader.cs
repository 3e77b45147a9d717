using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots;

/// <summary>
/// Random access to the streams of a snapshot file: master index (binary search by logical offset) → index
/// page → block → CRC32C check → decompress (exact length check) → bytes. Layout: docs/format.md,
/// "Snapshot container".
/// </summary>
/// <remarks>
/// <para>Thread-safe: any number of threads may read at once. Does not own the <see cref="IByteSource"/>;
/// dispose the source after the reader.</para>
/// <para>Caches: decompressed blocks in a sharded LRU of <see cref="SnapshotReaderOptions.BlockCacheBytes"/>
/// bytes (duplicate blocks share one entry); decoded index pages in a sharded LRU of 16 MiB (about 55 full pages).
/// Master indexes (64 bytes per index page) stay in memory.</para>
/// <para>A reader never returns wrong bytes: damage raises <see cref="SnapshotCorruptException"/> (checksum,
/// hash or decompression failure) or <see cref="SnapshotFormatException"/> (structure).</para>
/// </remarks>
public sealed partial class SnapshotReader : IDisposable
{
    private const long PageCacheBytes = 16L << 20;
    private readonly IByteSource _source;
    private readonly HeaderFields _fields;
    private readonly Dictionary<string, StreamIndex> _streams;
    private readonly LruCache<byte[]> _blocks;
    private readonly LruCache<IndexPage> _pages = new(PageCacheBytes);
    private volatile bool _disposed;

    private SnapshotReader(IByteSource source, HeaderFields fields, Dictionary<string, StreamIndex> streams, long blockCacheBytes, IReadOnlyList<string> warnings)
    {
        _source = source;
        _fields = fields;
        _streams = streams;
        _blocks = new LruCache<byte[]>(blockCacheBytes);
        Warnings = warnings;
        Header = new SnapshotHeader(
            new SnapshotVersion(fields.Major, fields.Minor),
            fields.Codec,
            fields.Level,
            new ChunkingOptions(fields.ChunkingMethod, fields.MinSize, fields.AverageSize, fields.MaxSize),
            FromUnixMicroseconds(fields.CreatedAtMicroseconds),
            fields.WriterVersion,
            fields.IntegrityRoot.ToString(),
            fields.Streams.Select(s => new SnapshotStreamInfo(s.Name, s.Length, s.BlockCount)).ToArray());
    }

    /// <summary>The validated header.</summary>
    public SnapshotHeader Header { get; }

    /// <summary>Warnings from opening, e.g. that the file is a newer minor version than this reader knows.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Opens a snapshot: checks magic, version (same major; a newer minor reads with a warning), header CRC32C,
    /// that every offset and length lies inside the source, each master index's SHA-256 and the integrity root —
    /// all before allocating anything larger than the master indexes (64 bytes per index page).
    /// </summary>
    /// <param name="source">The snapshot file; not owned.</param>
    /// <param name="options">Cache sizes; defaults when null.</param>
    /// <exception cref="SnapshotFormatException">The file is not a readable snapshot; the message says why and where.</exception>
    /// <exception cref="SnapshotCorruptException">A master index or the integrity root does not match its hash.</exception>
    /// <exception cref="IOException">The source failed.</exception>
    public static SnapshotReader Open(IByteSource source, SnapshotReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new SnapshotReaderOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.BlockCacheBytes, nameof(options));
        var warnings = new List<string>();
        var fields = HeaderValidator.Read(source, warnings);
        var streams = new Dictionary<string, StreamIndex>(StringComparer.Ordinal);
        var roots = new List<Sha256Digest>();
        foreach (var entry in fields.Streams)
        {
            var index = StreamIndex.Load(source, entry);
            streams.Add(entry.Name, index);
            roots.AddRange(index.Pages.Select(p => p.Sha256));
        }
        var root = ComputeRoot(roots);
        if (root != fields.IntegrityRoot)
        {
            throw new SnapshotCorruptException(
                $"The snapshot's integrity root does not match its index pages: SHA-256 {fields.IntegrityRoot} expected, {root} found.",
                "", -1, fields.IntegrityRoot.ToString(), root.ToString());
        }
        return new SnapshotReader(source, fields, streams, options.BlockCacheBytes, warnings);
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
        int done = 0;
        while (done < total)
        {
            done += ReadWithinPage(index, offset + done, buffer[done..total]);
        }
        return total;
    }

    /// <summary>
    /// A read-only, seekable <see cref="Stream"/> over <paramref name="stream"/> (CanSeek, Length, Position).
    /// Each returned stream has its own position; it may be used by one thread at a time.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such stream.</exception>
    public Stream OpenStream(string stream) => new SnapshotStream(this, stream, GetStream(stream).Length);

    /// <summary>Marks the reader closed. The source stays open (the caller owns it).</summary>
    public void Dispose() => _disposed = true;

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

    private static Sha256Digest ComputeRoot(List<Sha256Digest> pageHashes)
    {
        var bytes = new byte[pageHashes.Count * Sha256Digest.Size];
        for (int i = 0; i < pageHashes.Count; i++)
        {
            pageHashes[i].Write(bytes.AsSpan(i * Sha256Digest.Size));
        }
        return Sha256Digest.Compute(bytes);
    }
}
