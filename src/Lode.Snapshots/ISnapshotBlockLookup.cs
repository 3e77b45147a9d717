namespace Lode.Snapshots;

/// <summary>
/// Finds a block with a given content hash in an earlier snapshot, so a writer can refer to it instead of storing
/// it again (repository-wide dedup). <see cref="SnapshotBlockIndex"/> is the in-memory implementation.
/// </summary>
/// <remarks>
/// A writer calls <see cref="TryFind"/> from its worker threads, so implementations must be thread-safe. The hash is
/// the writer's block hash (SHA-256, or HMAC-SHA256 when encrypted): only snapshots that share the writer's key (or
/// are, like it, unencrypted) may be answered from. A wrong answer never produces wrong bytes — a reader checks
/// every parent block's hash — but it makes the new snapshot unreadable, so answer only on a full 32-byte match.
/// </remarks>
public interface ISnapshotBlockLookup
{
    /// <summary>Looks a block up by its 32-byte hash.</summary>
    /// <param name="hash">The block hash; only valid during the call.</param>
    /// <param name="block">Where a block with exactly this hash is physically stored.</param>
    /// <returns>Whether such a block is known.</returns>
    bool TryFind(ReadOnlySpan<byte> hash, out ParentBlockRef block);
}
