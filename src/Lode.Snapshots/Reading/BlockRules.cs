namespace Lode.Snapshots.Reading;

/// <summary>What the file allows in a block info beyond its stream's settings.</summary>
/// <param name="Encrypted">Stored blocks carry 28 bytes of AES-GCM overhead; zero blocks are not allowed.</param>
/// <param name="ParentCount">Parent blocks may name parents 0 to ParentCount - 1 (none when 0).</param>
/// <param name="FileLength">Stored bytes must lie inside the file.</param>
internal readonly record struct BlockRules(bool Encrypted, int ParentCount, long FileLength);
