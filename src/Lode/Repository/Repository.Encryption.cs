using Lode.Snapshots;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>The containers' key (derived from the master key), or null when the repository is not encrypted.</summary>
    private readonly SnapshotEncryption? _containerEncryption;

    /// <summary>The key sealing small objects (manifests), or null when the repository is not encrypted.</summary>
    private readonly byte[]? _objectKey;

    /// <summary>Whether the repository is encrypted: then file contents, names, the search index and manifests are
    /// all stored under AES-256-GCM.</summary>
    public bool IsEncrypted => Config.Encryption is not null;

    private static byte[]? Unlock(RepositoryConfig config, string location, Func<string>? password)
    {
        if (config.Encryption is null)
        {
            return null;
        }
        if (password is null)
        {
            throw new LodeException($"The repository at {location} is encrypted: give its password in LODE_PASSWORD, with --password-file, or on a terminal.");
        }
        return RepositoryKeys.Unlock(config.Encryption, password(), location);
    }

    /// <summary>The stored form of a small object: sealed when the repository is encrypted, else the bytes themselves.</summary>
    private byte[] SealObject(string key, byte[] plaintext) =>
        _objectKey is null ? plaintext : ObjectEnvelope.Seal(_objectKey, key, plaintext);

    /// <summary>The plaintext of a small object read from the store.</summary>
    /// <exception cref="CorruptDataException">An encrypted repository's object fails authentication.</exception>
    private byte[] OpenObjectBytes(string key, byte[] stored) =>
        _objectKey is null ? stored : ObjectEnvelope.Open(_objectKey, key, stored, $"{Location}/{key}");
}
