namespace Lode;

/// <summary>The names of the logical streams of a Lode snapshot container.</summary>
internal static class SnapshotStreams
{
    /// <summary>File contents, concatenated in walk order.</summary>
    public const string Data = "data";

    /// <summary>The serialised <see cref="FileTable"/>.</summary>
    public const string Meta = "meta";
}
