namespace Lode;

/// <summary>The object keys of a repository (docs/format.md, "Repository layout").</summary>
internal static class ObjectKeys
{
    public const string Config = "config";
    public const string SnapshotsPrefix = "snapshots/";

    public static string Manifest(string id) => SnapshotsPrefix + id;

    public static string Data(string id) => "data/" + id;

    public static string Index(string id) => "index/" + id;

    /// <summary>The empty object a snapshot puts and deletes before it reads files, to learn that the store takes writes.</summary>
    public static string WriteProbe(string id) => "tmp/" + id;

    /// <summary>Where every search index is stored.</summary>
    public const string IndexesPrefix = "indexes/";

    /// <summary>Where the search index of snapshot <paramref name="id"/> is stored (by the snapshot, or by <c>lode index build</c>).</summary>
    public static string StoredIndexPrefix(string id) => IndexesPrefix + id + "/";

    /// <summary>A search index: a container named by its integrity root (64 hex digits), which opening it checks.</summary>
    public static string StoredIndex(string id, string root) => StoredIndexPrefix(id) + root;

    /// <summary>
    /// The id that names an index container as a parent of another (the next snapshot's index carries its shard
    /// sections by reference): <c>i</c>, the snapshot id, <c>.</c> and the first 30 hex digits of the container's
    /// integrity root (64 characters, the most a container id has), so a reference names one container even when
    /// <c>lode index build</c> later stores another index for the same snapshot.
    /// </summary>
    public static string IndexContainerId(string snapshotId, string root) => IndexContainerPrefix + snapshotId + "." + root[..RootDigitsInId];

    /// <summary>The snapshot id and integrity-root prefix of an <see cref="IndexContainerId"/>, or null for any other id.</summary>
    public static (string SnapshotId, string RootPrefix)? ParseIndexContainerId(string id) =>
        id.Length == IndexContainerPrefix.Length + 32 + 1 + RootDigitsInId && id.StartsWith(IndexContainerPrefix, StringComparison.Ordinal) && id[33] == '.'
            ? (id[1..33], id[34..])
            : null;

    private const string IndexContainerPrefix = "i";
    private const int RootDigitsInId = 30;
}
