namespace Lode;

/// <summary>The object keys of a repository (docs/format.md, "Repository layout").</summary>
internal static class ObjectKeys
{
    public const string Config = "config";
    public const string SnapshotsPrefix = "snapshots/";

    public static string Manifest(string id) => SnapshotsPrefix + id;

    public static string Data(string id) => "data/" + id;

    public static string Index(string id) => "index/" + id;
}
