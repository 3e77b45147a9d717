using Lode.Metadata.Storage;
using Lode.Metadata.Tree;
using Lode.Metadata.Wal;

namespace Lode.Metadata;

/// <summary>
/// An embedded, crash-safe store for path-shaped keys (file paths, object names, namespaces) after holt: an
/// adaptive radix tree in memory, a write-ahead log written through a lock-free ring with group commit, and
/// checkpoints (a sorted image of the tree) that bound the log. Every record carries a version; scans list by
/// prefix with paging and S3-style delimiter rollup; atomic batches apply puts and deletes all or nothing under
/// guards. One writer process per directory (a lock file); any number of threads inside it.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Reads (<see cref="Get(ReadOnlySpan{byte})"/>, <see cref="Scan(ScanOptions)"/>) take no locks and
/// never block writers. Single-key writes lock only the tree nodes they change, so writers in disjoint subtrees
/// run in parallel; <see cref="Rename(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> and
/// <see cref="Atomic(MetadataBatch)"/> have the writers' side to themselves while they apply (readers may see a
/// batch's keys change one at a time; its durability is all or nothing).</para>
/// <para>The whole tree is memory-resident in this stage: a million catalog paths
/// (<c>tree/&lt;snapshot-id&gt;/usr/include/…</c>, 72 bytes on average, with 40-byte values) take about 175 MB of
/// managed heap, less than the raw keys and values because inner nodes share the paths' prefixes
/// (bench: MetadataMemoryBenchmarks). Paging cold subtrees out to disk is a later stage.</para>
/// <para>Files in the directory: <c>LOCK</c>, <c>MANIFEST</c>, <c>checkpoint-*.ckpt</c>, <c>wal-*.log</c>
/// (docs/format.md, "Metadata store").</para>
/// </remarks>
public sealed partial class MetadataStore : IDisposable
{
    /// <summary>The longest key in bytes (64 KiB). Keys are 1 to this many bytes.</summary>
    public const int MaxKeyBytes = 64 << 10;

    /// <summary>The longest value in bytes (64 KiB).</summary>
    public const int MaxValueBytes = 64 << 10;

    private readonly string? _directory;
    private readonly MetadataStoreOptions _options;
    private readonly StoreLock? _lock;
    private readonly AdaptiveRadixTree _tree;
    private readonly WriterGate _gate = new();
    private readonly WriteAheadLog _log;
    private int _disposed;

    private MetadataStore(string? directory, MetadataStoreOptions options, StoreLock? storeLock, AdaptiveRadixTree tree,
        WriteAheadLog log, RecoveryReport recovery)
    {
        _directory = directory;
        _options = options;
        _lock = storeLock;
        _tree = tree;
        _log = log;
        Recovery = recovery;
    }

    /// <summary>Opens an empty store that lives in memory only: no files, no lock, durability <see cref="Durability.None"/>; <see cref="Checkpoint"/> does nothing.</summary>
    public static MetadataStore OpenInMemory() =>
        new(null, new MetadataStoreOptions { Durability = Durability.None }, null, new AdaptiveRadixTree(), new WriteAheadLog(0), new RecoveryReport());

    /// <summary>The store directory, or null for an in-memory store.</summary>
    public string? Directory => _directory;

    /// <summary>The durability writes have.</summary>
    public Durability Durability => _options.Durability;

    /// <summary>What opening the store found: the checkpoint loaded, records replayed, a torn log tail cut off.</summary>
    public RecoveryReport Recovery { get; }

    /// <summary>The store's counters now (keys, log size, fsyncs, checkpoints).</summary>
    public MetadataStoreStats Stats
    {
        get
        {
            WalRing? ring = _log.Ring;
            long tail = ring?.Tail ?? Recovery.EndLsn;
            return new MetadataStoreStats
            {
                Keys = _tree.Count,
                Clock = _log.Clock,
                WalRecords = ring?.Records ?? _recordsWithoutLog,
                WalBytes = tail,
                DurableWalBytes = ring?.Durable ?? tail,
                WalBytesSinceCheckpoint = tail - Interlocked.Read(ref _checkpointLsn),
                WalSyncs = ring?.Syncs ?? 0,
                Checkpoints = Interlocked.Read(ref _checkpoints),
                LastCheckpointError = _lastCheckpointError,
            };
        }
    }

    /// <summary>
    /// Closes the store: stops background checkpoints, takes a final checkpoint when anything changed since the last
    /// one (so the next open replays nothing; see <see cref="MetadataStoreOptions.CheckpointOnDispose"/>), flushes and fsyncs the log, and releases the directory lock. Do not
    /// call it while other threads still write. Idempotent.
    /// </summary>
    /// <exception cref="MetadataException">The final checkpoint failed (with a log the data is still safe in it;
    /// with <see cref="Durability.None"/> the changes since the last checkpoint are lost). Resources are released anyway.</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            StopCheckpointer();
            if (_directory is not null && _options.CheckpointOnDispose)
            {
                lock (_checkpointLock)
                {
                    RunCheckpoint();
                }
            }
        }
        finally
        {
            _log.Dispose();
            _gate.Dispose();
            _lock?.Dispose();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
