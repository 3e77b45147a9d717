namespace Lode;

/// <summary>The object keys of a repository (docs/format.md, "Repository layout").</summary>
internal static class ObjectKeys
{
    public const string Config = "config";
    public const string SnapshotsPrefix = "snapshots/";

    public static string Manifest(string id) => SnapshotsPrefix + id;

    public static string Data(string id) => "data/" + id;

    public static string Index(string id) => "index/" + id;

    /// <summary>Where every rebuilt index is stored.</summary>
    public const string RebuiltIndexesPrefix = "indexes/";

    /// <summary>Where the indexes rebuilt for snapshot <paramref name="id"/> by <c>lode index build</c> are stored.</summary>
    public static string RebuiltIndexPrefix(string id) => RebuiltIndexesPrefix + id + "/";

    /// <summary>A rebuilt index: a container named by its integrity root (64 hex digits), which opening it checks.</summary>
    public static string RebuiltIndex(string id, string root) => RebuiltIndexPrefix(id) + root;
}
