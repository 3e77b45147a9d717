namespace Lode;

/// <summary>What <see cref="Repository.RebuildCatalog"/> did.</summary>
/// <param name="Directory">The catalog's directory; null when the catalog lives in memory only (an encrypted
/// repository, or no catalog directory configured), in which case nothing was written.</param>
/// <param name="Snapshots">Snapshots recorded.</param>
/// <param name="Paths">Paths recorded, over all snapshots.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record CatalogRebuildResult(string? Directory, int Snapshots, long Paths, TimeSpan Elapsed)
{
    /// <summary>Whether the catalog is kept on disk (false: memory only, nothing was written).</summary>
    public bool IsPersistent => Directory is not null;
}
