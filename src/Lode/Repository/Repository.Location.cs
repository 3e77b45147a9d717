using Lode.IO;
using Lode.ObjectStorage;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>
    /// Opens the repository at <paramref name="location"/>: a local directory, or <c>s3://BUCKET/PREFIX</c> read
    /// through the disk cache that <paramref name="options"/> names (see <see cref="RepositoryLocation.Parse"/>).
    /// </summary>
    /// <exception cref="LodeException">The location is malformed, there is no repository there, or its config is unreadable.</exception>
    /// <exception cref="ObjectStoreException">The object store failed (unreachable, bucket missing, credentials refused); the message names the repository and what to do.</exception>
    public static Repository Open(string location, RepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = RepositoryLocation.Parse(location);
        if (parsed.LocalPath is { } path && !Directory.Exists(path))
        {
            throw new LodeException($"There is no Lode repository at {location}; create one with 'lode init'.");
        }
        return Open(StoreFactory.Create(parsed, options), parsed.IsRemote ? parsed.ToString() : location, options.Password).WithCatalog(options.Catalog);
    }

    /// <summary>Creates a repository at <paramref name="location"/> (a directory is created if missing) and opens it.</summary>
    /// <param name="location">A directory or <c>s3://BUCKET/PREFIX</c>.</param>
    /// <param name="options">How to reach it; its <see cref="RepositoryOptions.Password"/> when <paramref name="encrypt"/>.</param>
    /// <param name="settings">Compression settings.</param>
    /// <param name="encrypt">Encrypt everything under a key wrapped by the password (PBKDF2-HMAC-SHA256, 600 000 iterations).</param>
    /// <exception cref="LodeException">The location is malformed, a repository already exists there, or
    /// <paramref name="encrypt"/> without a password.</exception>
    /// <exception cref="ObjectStoreException">The object store failed.</exception>
    public static Repository Init(string location, RepositoryOptions options, RepositoryConfig? settings = null, bool encrypt = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = RepositoryLocation.Parse(location);
        string? password = null;
        if (encrypt)
        {
            password = (options.Password ?? throw new LodeException("An encrypted repository needs a password."))();
        }
        return Init(StoreFactory.Create(parsed, options), parsed.IsRemote ? parsed.ToString() : location, settings, password).WithCatalog(options.Catalog);
    }

    /// <summary>Opens the repository at <paramref name="location"/>, creating it first when there is none.</summary>
    /// <exception cref="LodeException">The location is malformed, or the config is unreadable.</exception>
    /// <exception cref="ObjectStoreException">The object store failed.</exception>
    public static Repository OpenOrInit(string location, RepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = RepositoryLocation.Parse(location);
        var store = StoreFactory.Create(parsed, options);
        string name = parsed.IsRemote ? parsed.ToString() : location;
        Repository? created;
        try
        {
            // Two first snapshots may race to create the config: whichever loses opens the winner's.
            created = Sync(store.HeadAsync(ObjectKeys.Config)) is null ? TryInit(store, name, null) : null;
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return (created ?? Open(store, name, options.Password)).WithCatalog(options.Catalog);
    }

    /// <summary>Opens an object for reading; a remote store also learns its length, to prefetch what opening it reads.</summary>
    private IByteSource OpenStoredObject(string key, long expectedLength) =>
        Sync(_store is RemoteObjectStore remote ? remote.OpenAsync(key, expectedLength) : _store.OpenReadAsync(key));
}
