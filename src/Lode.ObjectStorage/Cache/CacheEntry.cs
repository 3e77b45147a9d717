using System.IO.MemoryMappedFiles;

namespace Lode.ObjectStorage;

/// <summary>
/// One object held by a <see cref="DiskCache"/>: its entry file, and while readers are open, its memory mapping.
/// The mutable fields are guarded by the cache's lock, except <see cref="LastRead"/> and <see cref="Swept"/>,
/// which readers write without it.
/// </summary>
internal sealed class CacheEntry(string name, string scope, string key, long length, long fileBytes, string path)
{
    public string Name { get; } = name;

    public string Scope { get; } = scope;

    public string Key { get; } = key;

    /// <summary>The object's length in bytes.</summary>
    public long Length { get; } = length;

    /// <summary>The entry file's size in bytes, counted against the budget.</summary>
    public long FileBytes { get; } = fileBytes;

    public string Path { get; } = path;

    /// <summary>The cache's use clock at the last open or release: smaller is less recently used.</summary>
    public long LastUse { get; set; }

    /// <summary>Open readers; an entry with readers is never evicted and stays mapped.</summary>
    public int Readers { get; set; }

    /// <summary>Removed from the index (invalidated, cleared) while readers still had it mapped.</summary>
    public bool Detached { get; set; }

    /// <summary>The mapping while <see cref="Readers"/> is above 0; <c>null</c> otherwise and for empty objects.</summary>
    public MemoryMappedViewAccessor? View { get; set; }

    /// <summary>The file mapping behind <see cref="View"/>.</summary>
    public MemoryMappedFile? Mapping { get; set; }

    /// <summary>The <see cref="TimeProvider"/> timestamp of the last read through a mapping.</summary>
    public long LastRead;

    /// <summary>Whether the mapping's pages were released since the last read (1) or not (0).</summary>
    public int Swept;
}
