using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// What a chunk job needs on a worker thread: how to hash and encode, whether zero blocks are allowed, the
/// repository lookup, and the claims that let only the first job with a given hash do the lookup and compression.
/// Thread-safe.
/// </summary>
internal sealed class JobContext(BlockTransform transform, ISnapshotBlockLookup? lookup, DedupTable dedup, JobContext.Counter? encoded = null)
{
    private readonly Counter _encoded = encoded ?? new Counter();

    /// <summary>Hashes and encodes blocks.</summary>
    public BlockTransform Transform { get; } = transform;

    /// <summary>Earlier snapshots' blocks, when dedup across snapshots is on.</summary>
    public ISnapshotBlockLookup? Lookup { get; } = lookup;

    /// <summary>Whether all-zero chunks may become zero blocks (not in an encrypted file: that would reveal content).</summary>
    public bool ZeroBlocks => Transform.Cipher is null;

    /// <summary>A copy that encodes with <paramref name="next"/> (after a dictionary was trained).</summary>
    public JobContext With(BlockTransform next) => new(next, Lookup, dedup, _encoded);

    /// <summary>Blocks encoded so far by jobs of this context and of the ones made from it with <see cref="With"/>.</summary>
    public long EncodedBlocks => Interlocked.Read(ref _encoded.Value);

    /// <summary>Counts one block encoded.</summary>
    public void CountEncoded() => Interlocked.Increment(ref _encoded.Value);

    /// <summary>Claims a hash for <paramref name="job"/> (see <see cref="DedupTable.Claim"/>).</summary>
    public bool Claim(Sha256Digest hash, ChunkJob job) => dedup.Claim(hash, job);

    /// <summary>A count shared by a context and its copies.</summary>
    internal sealed class Counter
    {
        /// <summary>The count; updated with <see cref="Interlocked"/>.</summary>
        public long Value;
    }
}
