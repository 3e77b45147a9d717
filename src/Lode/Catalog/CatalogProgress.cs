namespace Lode;

/// <summary>How far <see cref="Repository.RebuildCatalog"/> has got.</summary>
/// <param name="Snapshots">Snapshots whose paths are recorded so far.</param>
/// <param name="TotalSnapshots">Snapshots in the repository.</param>
/// <param name="Paths">Paths (files, directories, symbolic links, roots) recorded so far.</param>
public readonly record struct CatalogProgress(int Snapshots, int TotalSnapshots, long Paths);
