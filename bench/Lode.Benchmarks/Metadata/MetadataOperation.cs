namespace Lode.Benchmarks.Metadata;

/// <summary>
/// The workloads of the spec's benchmark section (specs/metadata.md), one logical operation each, in the order the
/// <c>metadata</c> command runs them: the reads first, on the store as loaded; then the writes, so that the mix meets
/// the store as the other writes left it (an LSM tree's overwritten versions, for one).
/// </summary>
public enum MetadataOperation
{
    /// <summary>Reads a random existing key.</summary>
    Get,

    /// <summary>Reads the first 100 keys and values under a random directory that holds files.</summary>
    List,

    /// <summary>Lists the first 8 entries one level below a random parent directory (delimiter '/', keys only).</summary>
    ListDir,

    /// <summary>Overwrites a random existing key with a 64-byte value (an update: the key count stays).</summary>
    Put,

    /// <summary>Creates a new key next to a random one, then deletes it (two writes, one operation).</summary>
    CreateDelete,

    /// <summary>One rename: a random key to a new name, or, when one is away, that key back (so pairs restore the key set).</summary>
    Rename,

    /// <summary>One of the above drawn at random: 45 % get, 20 % put, 10 % list, 10 % list_dir, 10 % create+delete, 5 % rename.</summary>
    Mix,
}
