namespace Lode;

/// <summary>How far a snapshot has got.</summary>
/// <param name="Files">Regular files read so far.</param>
/// <param name="BytesRead">File bytes read so far.</param>
/// <param name="CurrentPath">The path being read, relative to the snapshot root.</param>
/// <param name="Phase">What is happening: "reading", "indexing", "storing".</param>
public readonly record struct SnapshotProgress(long Files, long BytesRead, string CurrentPath, string Phase);
