namespace Lode;

/// <summary>What <see cref="Repository.BuildIndex"/> (or a snapshot, for its own index) stored.</summary>
/// <param name="Key">The object that holds the index.</param>
/// <param name="IndexBytes">The index's logical size in bytes.</param>
/// <param name="TextBytes">Bytes of unique text indexed.</param>
/// <param name="Shards">Shards in the index.</param>
/// <param name="BytesStored">Bytes the object added to the repository (shard sections carried from the previous
/// snapshot's index are referenced, not stored again).</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record IndexBuildResult(string Key, long IndexBytes, long TextBytes, int Shards, long BytesStored, TimeSpan Elapsed)
{
    /// <summary>Shards carried over from the previous snapshot's index by reference.</summary>
    public int CarriedShards { get; init; }
}
