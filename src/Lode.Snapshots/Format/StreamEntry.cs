namespace Lode.Snapshots.Format;

/// <summary>One row of the header's stream table (80 bytes on disk).</summary>
internal readonly record struct StreamEntry(
    string Name,
    long Length,
    long BlockCount,
    long MasterOffset,
    int PageCount,
    Sha256Digest MasterSha256);
