namespace Lode;

/// <summary>The names of the logical streams of a Lode snapshot container.</summary>
internal static class SnapshotStreams
{
    /// <summary>File contents, concatenated in walk order.</summary>
    public const string Data = "data";

    /// <summary>The serialised <see cref="FileTable"/>.</summary>
    public const string Meta = "meta";

    /// <summary>The search index (docs/format.md, "Search index"), in fixed 64 KiB lz4 blocks so a query decodes
    /// only the few blocks its binary searches touch.</summary>
    public const string Index = "index";
}
