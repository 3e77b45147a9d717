using Lode.Snapshots.Format;

namespace Lode.Snapshots;

/// <summary>
/// An in-memory table of the blocks earlier snapshots physically store, by full 32-byte hash, for
/// <see cref="SnapshotWriterOptions.BlockLookup"/>: a new snapshot then refers to those blocks instead of storing
/// them again. The engine fills it from the snapshots of a repository.
/// </summary>
/// <remarks>
/// <para>Memory: one dictionary entry per unique block — the full 32-byte hash as key (so a match is exact, never a
/// prefix collision), an 8-byte packed location (snapshot ordinal 24 bits, stream 3 bits, block number 37 bits)
/// and a 4-byte length as value, plus 8 bytes of entry and 4 of bucket bookkeeping: 60 bytes per unique block
/// (up to twice that while the table grows), e.g. about 1 MB per GiB of unique data at the 64 KiB average chunk.
/// Plus the id and root of each snapshot added.</para>
/// <para>Thread-safe: lookups and additions take a short lock, so any number of writer threads may look up while
/// another thread adds.</para>
/// </remarks>
public sealed class SnapshotBlockIndex : ISnapshotBlockLookup
{
    private const int BlockBits = 37;
    private const int StreamBits = 3;
    private const int OrdinalBits = 64 - BlockBits - StreamBits;
    private readonly Dictionary<Sha256Digest, (ulong Packed, int Length)> _blocks = [];
    private readonly List<(string Id, string Root)> _snapshots = [];
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private Sha256Digest? _domain;

    /// <summary>Unique blocks known.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _blocks.Count;
            }
        }
    }

    /// <summary>Snapshots added.</summary>
    public int SnapshotCount
    {
        get
        {
            lock (_lock)
            {
                return _snapshots.Count;
            }
        }
    }

    /// <summary>Whose block hashes this index holds (unset until the first snapshot is added).</summary>
    internal Sha256Digest? HashDomain
    {
        get
        {
            lock (_lock)
            {
                return _domain;
            }
        }
    }

    /// <summary>
    /// Adds every stored block of every stream of <paramref name="reader"/> — the blocks that snapshot physically
    /// holds (duplicate, zero and parent blocks are not; their bytes live in a stored block, here or in a snapshot
    /// added on its own). A hash already known keeps its first location. Reads every index page (not the blocks);
    /// adding the same snapshot again adds nothing new.
    /// </summary>
    /// <param name="snapshotId">The id a reader's parent loader will be asked for.</param>
    /// <param name="reader">The snapshot; only used during the call.</param>
    /// <exception cref="ArgumentException">The id is invalid or already added with another root, or the snapshot's
    /// block hashes are not comparable with those already added (another key, or encrypted versus plain).</exception>
    /// <exception cref="SnapshotException">An index page of the snapshot is damaged.</exception>
    /// <exception cref="InvalidOperationException">More than 16 777 215 snapshots, or a block number past 2^37.</exception>
    public void AddStoredBlocks(string snapshotId, SnapshotReader reader)
    {
        SnapshotIds.Validate(snapshotId, nameof(snapshotId));
        ArgumentNullException.ThrowIfNull(reader);
        string root = reader.Header.IntegrityRoot;
        var found = new List<(Sha256Digest Hash, int Stream, long Block, int Length)>();
        foreach (var stream in reader.StreamList)
        {
            foreach (var slot in reader.EnumerateBlocks(stream, 0, stream.Length))
            {
                if (slot.Info.Kind == SnapshotBlockKind.Stored)
                {
                    CheckBlockNumber(slot.Number);
                    found.Add((slot.Info.Sha256, stream.Position, slot.Number, slot.Info.LogicalLength));
                }
            }
        }
        lock (_lock)
        {
            ulong ordinal = (ulong)Register(snapshotId, root, reader.HashDomain);
            foreach (var (hash, stream, block, length) in found)
            {
                _blocks.TryAdd(hash, ((ordinal << (BlockBits + StreamBits)) | ((ulong)stream << BlockBits) | (ulong)block, length));
            }
        }
    }

    /// <summary>Finds a stored block with exactly this 32-byte hash. Thread-safe.</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public bool TryFind(ReadOnlySpan<byte> hash, out ParentBlockRef block)
    {
        var key = new BlockHash(hash).Digest;
        lock (_lock)
        {
            if (_blocks.TryGetValue(key, out var location))
            {
                var (id, root) = _snapshots[(int)(location.Packed >> (BlockBits + StreamBits))];
                int stream = (int)((location.Packed >> BlockBits) & ((1UL << StreamBits) - 1));
                block = new ParentBlockRef(id, root, stream, (long)(location.Packed & ((1UL << BlockBits) - 1)), location.Length);
                return true;
            }
        }
        block = default;
        return false;
    }

    /// <summary>Registers a snapshot (under the lock); returns its ordinal.</summary>
    private int Register(string snapshotId, string root, Sha256Digest domain)
    {
        if (_ordinals.TryGetValue(snapshotId, out int existing))
        {
            return _snapshots[existing].Root == root ? existing : throw new ArgumentException(
                $"Snapshot '{snapshotId}' was already added with integrity root {_snapshots[existing].Root}; this one has {root}.", nameof(snapshotId));
        }
        if (_domain is { } known && known != domain)
        {
            throw new ArgumentException(
                $"Snapshot '{snapshotId}' hashes its blocks under another key (or none) than the snapshots already added; they cannot dedup against each other.", nameof(snapshotId));
        }
        if (_snapshots.Count == (1 << OrdinalBits) - 1)
        {
            throw new InvalidOperationException($"A block index holds at most {(1 << OrdinalBits) - 1} snapshots.");
        }
        _domain = domain;
        _ordinals.Add(snapshotId, _snapshots.Count);
        _snapshots.Add((snapshotId, root));
        return _snapshots.Count - 1;
    }

    private static void CheckBlockNumber(long block)
    {
        if ((ulong)block >= 1UL << BlockBits)
        {
            throw new InvalidOperationException($"Block number {block} is too large for a block index (at most 2^{BlockBits} - 1).");
        }
    }
}
