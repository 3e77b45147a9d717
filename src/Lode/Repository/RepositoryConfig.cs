using Lode.IO;

namespace Lode;

/// <summary>
/// A repository's settings, stored once under the key <c>config</c> when the repository is created and never
/// changed after. Immutable.
/// </summary>
public sealed record RepositoryConfig
{
    /// <summary>The repository format version this Lode writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The repository format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>A random id for the repository: 32 lowercase hex digits.</summary>
    public required string Id { get; init; }

    /// <summary>When the repository was created (UTC).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The block codec of new snapshots.</summary>
    public CompressionCodec Compression { get; init; } = CompressionCodec.Zstd;

    /// <summary>The zstd level of new snapshots.</summary>
    public int CompressionLevel { get; init; } = 3;

    /// <summary>The wrapped master key of an encrypted repository; null when the repository is not encrypted.</summary>
    public RepositoryEncryption? Encryption { get; init; }
}
