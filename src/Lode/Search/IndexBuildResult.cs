namespace Lode;

/// <summary>What <see cref="Repository.BuildIndex"/> did.</summary>
/// <param name="Key">The object that holds the rebuilt index.</param>
/// <param name="IndexBytes">The index's logical size in bytes.</param>
/// <param name="TextBytes">Bytes of unique text indexed.</param>
/// <param name="Shards">Shards in the index.</param>
/// <param name="BytesStored">Bytes the object added to the repository (blocks earlier objects store are referenced).</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record IndexBuildResult(string Key, long IndexBytes, long TextBytes, int Shards, long BytesStored, TimeSpan Elapsed);
