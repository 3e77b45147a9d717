namespace Lode;

/// <summary>Whether a snapshot's paths are in the catalog: the flags byte of its summary.</summary>
internal enum CatalogTreeState : byte
{
    /// <summary>Not yet: the first listing of the snapshot reads its file table and records it.</summary>
    Missing = 0,

    /// <summary>Every path of the snapshot is under <c>tree/&lt;id&gt;/</c>.</summary>
    Recorded = 1,

    /// <summary>A path or link target is over the metadata store's 64 KiB limits: listings read the file table.</summary>
    TooLarge = 2,
}
