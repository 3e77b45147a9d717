namespace Lode.Snapshots;

/// <summary>One named logical stream of a snapshot.</summary>
/// <param name="Name">1 to 16 characters of [a-z0-9-], e.g. "data" or "meta".</param>
/// <param name="Length">Logical length in bytes.</param>
/// <param name="BlockCount">Blocks of every kind in the stream.</param>
public sealed record SnapshotStreamInfo(string Name, long Length, long BlockCount);
