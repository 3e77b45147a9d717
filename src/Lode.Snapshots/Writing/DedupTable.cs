using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// The stored blocks of the file being written, by SHA-256 of their plaintext, so a repeated chunk becomes a
/// duplicate block. Memory: one dictionary entry per unique stored block — a 32-byte key, a 24-byte value and
/// 12 bytes of dictionary bookkeeping, about 68 bytes (up to twice that while the table resizes); e.g. about
/// 1.1 MB per GiB of unique data at the 64 KiB average chunk. Not thread-safe (used by the ordered writer only).
/// </summary>
internal sealed class DedupTable
{
    private readonly Dictionary<Sha256Digest, Location> _blocks = [];

    /// <summary>Where a stored block's bytes are.</summary>
    public readonly record struct Location(long Offset, int Length, uint Crc, byte Flags);

    /// <summary>Finds a stored block with this plaintext hash.</summary>
    public bool TryGet(Sha256Digest sha256, out Location location) => _blocks.TryGetValue(sha256, out location);

    /// <summary>Records a newly stored block.</summary>
    public void Add(Sha256Digest sha256, Location location) => _blocks.Add(sha256, location);
}
