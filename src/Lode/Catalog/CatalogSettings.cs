namespace Lode;

/// <summary>
/// Where a repository's catalog is kept and who hears of its repairs (see <see cref="SnapshotCatalog"/>). Immutable.
/// </summary>
public sealed record CatalogSettings
{
    /// <summary>
    /// The directory that holds catalogs, usually the disk cache directory (<see cref="CacheSettings.Directory"/>):
    /// a repository's catalog is <c>catalogs/&lt;repository id&gt;/</c> inside it, created when missing.
    /// </summary>
    public required string Directory { get; init; }

    /// <summary>
    /// Receives one line (no prefix, no newline) when the catalog had to be rebuilt or could not be updated, e.g.
    /// <c>catalog rebuilt: …</c>; null to stay silent. Called on the thread that opened the catalog.
    /// </summary>
    public Action<string>? Notice { get; init; }
}
