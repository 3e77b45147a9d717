namespace Lode;

/// <summary>
/// Receives one distinct matching line of a search over every snapshot: the snapshots whose file at
/// <paramref name="path"/> holds it as line <paramref name="lineNumber"/> (oldest first), the path, the 1-based line
/// number and the line without its '\n'.
/// </summary>
public delegate void SearchAllLineHandler(IReadOnlyList<SnapshotManifest> snapshots, string path, long lineNumber, ReadOnlySpan<byte> line);
