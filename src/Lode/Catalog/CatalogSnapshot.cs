namespace Lode;

/// <summary>What a catalog knows of one snapshot: its manifest, and whether its paths are recorded.</summary>
/// <param name="Manifest">The snapshot's manifest, as stored in the repository.</param>
/// <param name="Tree">Whether the snapshot's paths are under <c>tree/&lt;id&gt;/</c>.</param>
internal sealed record CatalogSnapshot(SnapshotManifest Manifest, CatalogTreeState Tree);
