namespace Lode.ObjectStorage;

/// <summary>How <see cref="DiskCache.OpenAsync"/> treats an object that is not in the cache yet (a cold open).</summary>
public enum CacheMode
{
    /// <summary>Fetch the whole object into the cache first; return a memory-mapped reader once it is local.</summary>
    Eager,

    /// <summary>
    /// Return a reader at once that serves reads with range requests to the store, while a background fill
    /// downloads the whole object; reads switch to the memory-mapped file when the fill completes.
    /// </summary>
    Lazy,

    /// <summary>Never admit the object: serve every read with a range request (a cached copy is still used).</summary>
    RangeOnly,
}
