using System.Collections.Concurrent;
using Lode.IO;

namespace Lode.Snapshots.Tests;

/// <summary>Snapshots kept in memory by id, with a shared block index and a parent loader over them.</summary>
internal sealed class MemoryRepository(SnapshotEncryption? encryption = null)
{
    private readonly Dictionary<string, byte[]> _files = [];

    public SnapshotBlockIndex Index { get; } = new();

    /// <summary>How many times the loader opened each id.</summary>
    public ConcurrentDictionary<string, int> Loads { get; } = new();

    public byte[] this[string id]
    {
        get => _files[id];
        set => _files[id] = value;
    }

    /// <summary>Writes snapshot <paramref name="id"/> (deduplicating against the index when asked) and adds it to the index.</summary>
    public SnapshotWriteResult Write(string id, SnapshotWriterOptions? options, Action<SnapshotWriter> body, bool dedup = true)
    {
        options ??= new SnapshotWriterOptions();
        options = options.With(dedup ? options.BlockLookup ?? Index : options.BlockLookup, encryption);
        using var output = new MemoryStream();
        SnapshotWriteResult result;
        using (var writer = SnapshotWriter.Create(output, options))
        {
            body(writer);
            result = writer.Finish();
        }
        _files[id] = output.ToArray();
        using (var reader = Open(id))
        {
            Index.AddStoredBlocks(id, reader);
        }
        return result;
    }

    /// <summary>Opens snapshot <paramref name="id"/> with a loader that opens its parents from this repository.</summary>
    public SnapshotReader Open(string id, long blockCacheBytes = 64L << 20) =>
        SnapshotReader.Open(new MemoryByteSource(_files[id]), Options(id, blockCacheBytes));

    public SnapshotReaderOptions Options(string id, long blockCacheBytes = 64L << 20) => new()
    {
        SnapshotId = id,
        Encryption = encryption,
        BlockCacheBytes = blockCacheBytes,
        ParentLoader = parent =>
        {
            Loads.AddOrUpdate(parent, 1, (_, n) => n + 1);
            return Open(parent, blockCacheBytes);
        },
    };
}
