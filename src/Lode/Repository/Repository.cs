using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Lode.ObjectStorage;
using Lode.Snapshots;

namespace Lode;

/// <summary>
/// A Lode repository: immutable objects (config, snapshot containers, search indexes, manifests) in an
/// <see cref="IObjectStore"/>. Thread-safe for concurrent readers; any number of processes may read while one
/// writes, and a snapshot becomes visible only when its manifest, written last, appears.
/// </summary>
public sealed partial class Repository : IDisposable
{
    private readonly IObjectStore _store;

    /// <summary>Manifests found damaged by the listings so far, by key (see <see cref="DamagedManifests"/>).</summary>
    private readonly ConcurrentDictionary<string, string> _damagedManifests = new(StringComparer.Ordinal);

    private Repository(IObjectStore store, string location, RepositoryConfig config, byte[]? masterKey)
    {
        EnsureWorkerThreads();
        _store = store;
        Location = location;
        Config = config;
        if (masterKey is not null)
        {
            _containerEncryption = SnapshotEncryption.FromKey(RepositoryKeys.Derive(masterKey, "container"));
            _objectKey = RepositoryKeys.Derive(masterKey, "object");
        }
    }

    /// <summary>Where the repository is, as the user named it.</summary>
    public string Location { get; }

    /// <summary>The repository's settings.</summary>
    public RepositoryConfig Config { get; }

    /// <summary>The default location: <c>$XDG_DATA_HOME/lode</c>, else <c>~/.local/share/lode</c>.</summary>
    public static string DefaultLocation
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            string data = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
                : xdg;
            return Path.Combine(data, "lode");
        }
    }

    /// <summary>Opens the repository at a local directory or <c>s3://BUCKET/PREFIX</c>, with default <see cref="RepositoryOptions"/>.</summary>
    /// <exception cref="LodeException">There is no repository there, or its config is unreadable.</exception>
    public static Repository Open(string location) => Open(location, new RepositoryOptions());

    /// <summary>Opens the repository in <paramref name="store"/>; the repository owns the store from now on.</summary>
    /// <param name="store">The store holding the repository.</param>
    /// <param name="location">Names the repository in messages.</param>
    /// <param name="password">Asked for the password when the repository is encrypted (only then).</param>
    /// <exception cref="LodeException">There is no repository there, its config is unreadable, or it is encrypted and
    /// no password was given.</exception>
    /// <exception cref="WrongPasswordException">The password does not open the repository.</exception>
    public static Repository Open(IObjectStore store, string location, Func<string>? password = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            var config = ParseJson(Sync(store.GetAsync(ObjectKeys.Config)), LodeJsonContext.Default.RepositoryConfig, $"{location}/{ObjectKeys.Config}");
            if (config.Version != RepositoryConfig.CurrentVersion)
            {
                throw new LodeException($"The repository at {location} has format {config.Version}; this Lode reads format {RepositoryConfig.CurrentVersion}.");
            }
            return new Repository(store, location, config, Unlock(config, location, password));
        }
        catch (ObjectNotFoundException)
        {
            store.Dispose();
            throw new LodeException($"There is no Lode repository at {location}; create one with 'lode init'.");
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Creates a repository at a local directory (created if missing) or <c>s3://BUCKET/PREFIX</c> and opens it.</summary>
    /// <exception cref="LodeException">A repository already exists there.</exception>
    public static Repository Init(string location, RepositoryConfig? settings = null) =>
        Init(location, new RepositoryOptions(), settings);

    /// <summary>Creates a repository in <paramref name="store"/> and opens it; the repository owns the store.</summary>
    /// <exception cref="LodeException">A repository already exists there.</exception>
    /// <param name="store">The store to hold the repository.</param>
    /// <param name="location">Names the repository in messages.</param>
    /// <param name="settings">Compression settings (the id, time and encryption fields are ignored).</param>
    /// <param name="password">Encrypt the repository under this password (null: not encrypted).</param>
    public static Repository Init(IObjectStore store, string location, RepositoryConfig? settings = null, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var repository = TryInit(store, location, settings, password);
        if (repository is null)
        {
            store.Dispose();
            throw new LodeException($"There is already a Lode repository at {location}.");
        }
        return repository;
    }

    private static Repository? TryInit(IObjectStore store, string location, RepositoryConfig? settings, string? password = null)
    {
        byte[]? masterKey = null;
        var config = (settings ?? new RepositoryConfig { Id = "", Created = default }) with
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Created = DateTimeOffset.UtcNow,
            Encryption = null,
        };
        if (password is not null)
        {
            (var encryption, masterKey) = RepositoryKeys.Create(password);
            config = config with { Encryption = encryption };
        }
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(config, LodeJsonContext.Default.RepositoryConfig);
        using var content = new MemoryStream(json);
        return Sync(store.PutIfAbsentAsync(ObjectKeys.Config, content)) ? new Repository(store, location, config, masterKey) : null;
    }

    /// <summary>Opens the repository at a local directory or <c>s3://BUCKET/PREFIX</c>, creating it first when there is none.</summary>
    public static Repository OpenOrInit(string location) => OpenOrInit(location, new RepositoryOptions());

    /// <inheritdoc />
    public void Dispose() => _store.Dispose();

    /// <summary>
    /// Reads run on thread-pool workers in parallel (a search's shards and files), and a read that needs a parent
    /// container opens it through the object store's async API synchronously (<see cref="Sync{T}"/>). With only as
    /// many workers as cores, those workers can all be blocked waiting for a continuation that needs a worker: the
    /// pool then adds threads only every half second or so (measured: 840 ms for an absent literal over an index that
    /// carries shards from its parent, 33 ms without). So the pool keeps at least 4 workers per core from the start.
    /// </summary>
    private static void EnsureWorkerThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        int wanted = 4 * Environment.ProcessorCount;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }

    internal static T Sync<T>(Task<T> task) => task.GetAwaiter().GetResult();

    internal static void Sync(Task task) => task.GetAwaiter().GetResult();

    internal static T ParseJson<T>(byte[] bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string where)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new CorruptDataException($"{where} is corrupt: it holds JSON null.");
        }
        catch (JsonException e)
        {
            throw new CorruptDataException($"{where} is corrupt: {e.Message}", e);
        }
    }
}
