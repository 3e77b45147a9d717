using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// What a chunk job needs on a worker thread: how to hash and encode, whether zero blocks are allowed, the
/// repository lookup, and the claims that let only the first job with a given hash do the lookup and compression.
/// Thread-safe.
/// </summary>
internal sealed class JobContext(BlockTransform transform, ISnapshotBlockLookup? lookup, DedupTable dedup)
{
    /// <summary>Hashes and encodes blocks.</summary>
    public BlockTransform Transform { get; } = transform;

    /// <summary>Earlier snapshots' blocks, when dedup across snapshots is on.</summary>
    public ISnapshotBlockLookup? Lookup { get; } = lookup;

    /// <summary>Whether all-zero chunks may become zero blocks (not in an encrypted file: that would reveal content).</summary>
    public bool ZeroBlocks => Transform.Cipher is null;

    /// <summary>A copy that encodes with <paramref name="next"/> (after a dictionary was trained).</summary>
    public JobContext With(BlockTransform next) => new(next, Lookup, dedup);

    /// <summary>Claims a hash for the calling job (see <see cref="DedupTable.Claim"/>).</summary>
    public bool Claim(Sha256Digest hash) => dedup.Claim(hash);
}
