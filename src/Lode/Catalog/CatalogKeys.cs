using System.Text;

namespace Lode;

/// <summary>
/// The keys of a catalog (docs/format.md, "Catalog"): <c>format</c>, <c>snap/&lt;id&gt;</c> per snapshot, and
/// <c>tree/&lt;id&gt;/&lt;path&gt;</c> per path of a snapshot (the root is <c>tree/&lt;id&gt;/</c>). All UTF-8.
/// Thread-safe (stateless).
/// </summary>
internal static class CatalogKeys
{
    /// <summary>The key of the catalog's format number.</summary>
    public static readonly byte[] Format = "format"u8.ToArray();

    /// <summary>The prefix of every snapshot summary.</summary>
    public const string SnapPrefix = "snap/";

    /// <summary>The prefix of every path record.</summary>
    public const string TreePrefix = "tree/";

    /// <summary>The key of a snapshot's summary.</summary>
    public static byte[] Snap(string id) => Encoding.UTF8.GetBytes(SnapPrefix + id);

    /// <summary>The prefix of every path of snapshot <paramref name="id"/>; also the key of its root.</summary>
    public static byte[] TreeRoot(string id) => Encoding.UTF8.GetBytes(TreePrefix + id + "/");

    /// <summary>The key of the entry at stored path <paramref name="path"/> ("" for the root) of snapshot <paramref name="id"/>.</summary>
    public static byte[] Entry(string id, string path) => Encoding.UTF8.GetBytes(TreePrefix + id + "/" + path);

    /// <summary>The prefix a delimiter scan lists the children of directory <paramref name="path"/> with.</summary>
    public static byte[] Children(string id, string path) => path.Length == 0 ? TreeRoot(id) : Encoding.UTF8.GetBytes(TreePrefix + id + "/" + path + "/");
}
