namespace Lode.Benchmarks.Metadata;

/// <summary>
/// Runs the spec's workloads (<see cref="MetadataOperation"/>) against one engine loaded with <see cref="MetadataKeys"/>:
/// random keys and directories from a seeded <see cref="Random"/>, 64-byte values. The BenchmarkDotNet classes and the
/// <c>metadata</c> command both drive engines through this class. Not thread-safe (one workload per thread).
/// </summary>
public sealed class MetadataWorkload
{
    private readonly IMetadataPeer _peer;
    private readonly MetadataKeys _keys;
    private readonly Random _random;
    private byte[]? _away;
    private byte[]? _awayName;

    /// <summary>A workload over <paramref name="peer"/>, which holds <paramref name="keys"/>.</summary>
    public MetadataWorkload(IMetadataPeer peer, MetadataKeys keys, int seed)
    {
        _peer = peer;
        _keys = keys;
        _random = new Random(seed);
    }

    /// <summary>The value every workload writes: 64 zero bytes (as loaded).</summary>
    public static byte[] Value { get; } = new byte[64];

    /// <summary>Runs <paramref name="count"/> operations; returns a checksum of what they read (keeps reads alive).</summary>
    public long Run(MetadataOperation operation, int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += Once(operation);
        }
        return sum;
    }

    /// <summary>Runs one operation; returns what it read (value length or entries), 0 for writes.</summary>
    public int Once(MetadataOperation operation) => operation switch
    {
        MetadataOperation.Get => _peer.Get(AnyKey()),
        MetadataOperation.Put => Put(),
        MetadataOperation.List => _peer.List(_keys.FileDirectories[_random.Next(_keys.FileDirectories.Length)], 100),
        MetadataOperation.ListDir => _peer.ListDirectory(_keys.ParentDirectories[_random.Next(_keys.ParentDirectories.Length)], 8),
        MetadataOperation.CreateDelete => CreateDelete(),
        MetadataOperation.Rename => Rename(),
        _ => Once(Draw()),
    };

    /// <summary>Moves a key that a rename left away back, so the engine holds exactly the loaded keys again.</summary>
    public void Restore()
    {
        if (_away is not null)
        {
            Rename();
        }
    }

    private MetadataOperation Draw() => _random.Next(100) switch
    {
        < 45 => MetadataOperation.Get,
        < 65 => MetadataOperation.Put,
        < 75 => MetadataOperation.List,
        < 85 => MetadataOperation.ListDir,
        < 95 => MetadataOperation.CreateDelete,
        _ => MetadataOperation.Rename,
    };

    private byte[] AnyKey() => _keys.Keys[_random.Next(_keys.Keys.Length)];

    private int Put()
    {
        _peer.Put(AnyKey(), Value);
        return 0;
    }

    private int CreateDelete()
    {
        byte[] key = [.. AnyKey(), .. ".new"u8];
        _peer.Put(key, Value);
        _peer.Delete(key);
        return 0;
    }

    private int Rename()
    {
        if (_away is { } original && _awayName is { } moved)
        {
            _peer.Rename(moved, original);
            _away = _awayName = null;
            return 0;
        }
        _away = AnyKey();
        _awayName = [.. _away, .. ".moved"u8];
        _peer.Rename(_away, _awayName);
        return 0;
    }
}
