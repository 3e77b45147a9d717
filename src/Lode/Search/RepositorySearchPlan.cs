namespace Lode;

/// <summary>
/// The index side of a search over every snapshot: each distinct index shard (by its key) is queried once, whichever
/// snapshots' indexes share it, and what it found is kept by content key, so it applies to every file with those
/// contents in any snapshot. A search of one snapshot is the same plan over one view. Not thread-safe.
/// </summary>
/// <param name="pattern">The literal searched for.</param>
/// <param name="scan">Null: each shard is located or scanned as <see cref="SearchIndex.ScanIsCheaper"/> says; true or
/// false: every shard with matches is scanned, or located (what benchmarks use to measure both sides of the model).</param>
internal sealed class RepositorySearchPlan(byte[] pattern, bool? scan = null)
{
    private readonly HashSet<UInt128> _queriedShards = [];
    private readonly HashSet<UInt128> _scannedShards = [];
    private readonly Dictionary<UInt128, int[]> _located = [];

    /// <summary>Queries the shards of <paramref name="view"/>'s index that no earlier call queried.</summary>
    /// <exception cref="CorruptDataException">The index is damaged where the query looked.</exception>
    public void Query(SnapshotView view)
    {
        if (view.QueryIndex is not { } index || pattern.Length == 0)
        {
            return;
        }
        var shards = index.Shards;
        var include = new bool[shards.Length];
        for (int i = 0; i < shards.Length; i++)
        {
            include[i] = _queriedShards.Add(shards[i].Key);
        }
        var matches = index.FindMatches(pattern, i => include[i], scan);
        foreach (var (blob, offsets) in matches.Located)
        {
            _located.TryAdd(index.Blobs[blob].Hash, offsets);
        }
        for (int i = 0; i < shards.Length; i++)
        {
            if (matches.ScannedShards[i])
            {
                _scannedShards.Add(shards[i].Key);
            }
        }
    }

    /// <summary>Whether, after <see cref="Query"/> of <paramref name="view"/>, no file of it can hold a match: its index
    /// located nothing and left no shard to scan (then its file table need not even be read).</summary>
    public bool NothingCanMatch(SnapshotView view) =>
        view.QueryIndex is not null && pattern.Length > 0 && _located.Count == 0 && _scannedShards.Count == 0;

    /// <summary>
    /// Whether a file of <paramref name="view"/> may hold matches: its content key and its located match offsets (null:
    /// scan it), or null when it holds none (or is not a text file). Call after <see cref="Query"/> of every view.
    /// </summary>
    public (UInt128 Contents, int[]? Offsets)? Candidate(SnapshotView view, FileEntry entry)
    {
        if (entry.Kind != FileKind.File)
        {
            return null;
        }
        var contents = IndexFormat.HashKey(entry.Sha256.Span);
        if (view.QueryIndex is not { } index)
        {
            return entry.Size <= SearchIndexWriter.MaxIndexedFileSize ? (contents, null) : null;
        }
        int blob = index.FindBlob(entry.Sha256.Span);
        if (blob < 0)
        {
            return null;
        }
        if (pattern.Length == 0 || _scannedShards.Contains(index.Shards[index.ShardOf(blob)].Key))
        {
            return (contents, null);
        }
        return _located.TryGetValue(contents, out var offsets) ? (contents, offsets) : null;
    }
}
