using System.Text;
using Lode.Metadata;

namespace Lode;

/// <summary>
/// The paths of snapshots in a metadata store: one key <c>tree/&lt;id&gt;/&lt;path&gt;</c> per entry of a file table,
/// written in atomic batches, and directory listings by one delimiter scan each. Thread-safe as the store is.
/// </summary>
internal static class CatalogTree
{
    /// <summary>The most key and value bytes one atomic batch carries (far below the store's 8 MiB ring).</summary>
    private const int BatchBytes = 1 << 20;

    /// <summary>Whether every key and value of <paramref name="table"/> fits the store's limits (64 KiB each).</summary>
    public static bool Fits(string id, FileTable table)
    {
        int root = CatalogKeys.TreeRoot(id).Length;
        return table.Entries.All(e =>
            root + Encoding.UTF8.GetByteCount(e.Path) <= MetadataStore.MaxKeyBytes &&
            Encoding.UTF8.GetByteCount(e.LinkTarget ?? "") + 16 <= MetadataStore.MaxValueBytes);
    }

    /// <summary>
    /// Puts every entry of <paramref name="table"/> under <c>tree/<paramref name="id"/>/</c>, in atomic batches of
    /// about 1 MiB; a crash between batches leaves some of them, each a correct entry. The caller checked
    /// <see cref="Fits"/>. Returns the entries written.
    /// </summary>
    public static long Write(MetadataStore store, string id, FileTable table)
    {
        var batch = new MetadataBatch();
        long bytes = 0;
        foreach (var entry in table.Entries)
        {
            byte[] key = CatalogKeys.Entry(id, entry.Path);
            byte[] value = CatalogValues.EncodeEntry(entry);
            batch.Put(key, value);
            bytes += key.Length + value.Length;
            if (bytes >= BatchBytes)
            {
                store.Atomic(batch);
                batch.Clear();
                bytes = 0;
            }
        }
        if (batch.Count > 0)
        {
            store.Atomic(batch);
        }
        return table.Entries.Count;
    }

    /// <summary>The entry at stored path <paramref name="path"/> of snapshot <paramref name="id"/>, or null.</summary>
    /// <exception cref="CatalogFormatException">The stored entry is undecodable.</exception>
    public static FileEntry? Find(MetadataStore store, string id, string path) =>
        store.Get(CatalogKeys.Entry(id, path)) is { } record ? CatalogValues.DecodeEntry(path, record.Value.Span) : null;

    /// <summary>
    /// The direct children of directory <paramref name="path"/>, in path order, by one delimiter scan: the children
    /// are the keys one level below; the common prefixes (a subdirectory's contents) are skipped whole.
    /// </summary>
    /// <exception cref="CatalogFormatException">A stored entry is undecodable.</exception>
    public static List<FileEntry> Children(MetadataStore store, string id, string path)
    {
        byte[] prefix = CatalogKeys.Children(id, path);
        int root = CatalogKeys.TreeRoot(id).Length;
        var children = new List<FileEntry>();
        foreach (var item in store.Scan(new ScanOptions { Prefix = prefix, Delimiter = (byte)'/' }))
        {
            // The root's own key is its children's prefix: skip it, as every common prefix.
            if (!item.IsCommonPrefix && item.Key.Length > prefix.Length)
            {
                children.Add(CatalogValues.DecodeEntry(Encoding.UTF8.GetString(item.Key.Span[root..]), item.Value.Span));
            }
        }
        return children;
    }

    /// <summary>Deletes every key that starts with <paramref name="prefix"/>, in atomic batches.</summary>
    public static void DeleteAll(MetadataStore store, byte[] prefix)
    {
        var batch = new MetadataBatch();
        while (true)
        {
            foreach (var item in store.Scan(new ScanOptions { Prefix = prefix, KeysOnly = true, Limit = 4096 }))
            {
                batch.Delete(item.Key.Span);
            }
            if (batch.Count == 0)
            {
                return;
            }
            store.Atomic(batch);
            batch.Clear();
        }
    }
}
