using Lode.IO;

namespace Lode.ObjectStorage;

/// <summary>
/// A flat namespace of immutable-once-written objects addressed by key: a directory on a local disk, memory,
/// or (later) an S3-compatible bucket. Lode keeps every repository object (snapshots, indexes, config) in one.
/// </summary>
/// <remarks>
/// <para>Keys follow <see cref="ObjectKey"/>; every method checks its key first and throws
/// <see cref="ArgumentException"/> for an invalid one before touching the backend.</para>
/// <para>Implementations are thread-safe: any number of callers may use one store concurrently. A put is
/// atomic: a concurrent reader sees the old object or the whole new one, never a mix or a prefix.</para>
/// <para>Failures are typed: <see cref="ObjectNotFoundException"/> for a missing object,
/// <see cref="ObjectStoreTransientException"/> when a retry may succeed, <see cref="ObjectStorePermanentException"/>
/// when it will not; all derive from <see cref="ObjectStoreException"/>. Cancellation throws
/// <see cref="OperationCanceledException"/>. Using a disposed store throws <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
public interface IObjectStore : IDisposable
{
    /// <summary>Returns the object's key, size and modification time, or <c>null</c> when it does not exist.</summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Reads the whole object into a new array, which the caller owns.</summary>
    /// <exception cref="ObjectNotFoundException">The object does not exist.</exception>
    /// <exception cref="ObjectStorePermanentException">
    /// The object is larger than an array can hold (<see cref="Array.MaxLength"/> bytes; use
    /// <see cref="OpenReadAsync"/>), or the backend failed.
    /// </exception>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes starting <paramref name="offset"/> bytes into the object,
    /// into a new array the caller owns. A zero-length range at the end of the object is allowed.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">The object does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="offset"/> or <paramref name="length"/> is negative, or the range
    /// <c>[offset, offset + length)</c> is not inside the object.
    /// </exception>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a thread-safe random-access reader of the object as it is now; a later put of the same key does
    /// not change what the reader returns. The caller owns the reader and must dispose it.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">The object does not exist.</exception>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<IByteSource> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the object, replacing any object with that key. Reads <paramref name="content"/> from its current
    /// position to its end; does not dispose it. Atomic: readers see the old object or the whole new one. When the
    /// put fails (including a failure of <paramref name="content"/> or cancellation), the old object is untouched.
    /// </summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the object only when no object has the key. Returns <c>true</c> when this call created it, and
    /// <c>false</c> (writing nothing, possibly without reading <paramref name="content"/>) when the key exists.
    /// Of concurrent calls for one absent key exactly one returns <c>true</c>, and the object is that caller's
    /// whole content.
    /// </summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<bool> PutIfAbsentAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the objects whose keys start with <paramref name="prefix"/> (a plain string prefix, not a
    /// directory: <c>"a/b"</c> matches <c>"a/b"</c>, <c>"a/bc"</c> and <c>"a/b/c"</c>; <c>""</c> matches all),
    /// in ordinal key order. Objects written or deleted during the listing may or may not appear.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is <c>null</c>.</exception>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object. Idempotent: deleting an absent object succeeds.</summary>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
