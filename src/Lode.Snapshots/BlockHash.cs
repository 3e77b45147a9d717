using Lode.Snapshots.Format;

namespace Lode.Snapshots;

/// <summary>
/// A block's 32-byte content hash as recorded in its index page: SHA-256 of the plaintext, or, in an encrypted
/// snapshot, HMAC-SHA256 under a key derived from the encryption key (so equal hashes mean equal plaintext only
/// between snapshots that share the key). Cheap to copy and compare; immutable.
/// </summary>
public readonly struct BlockHash : IEquatable<BlockHash>
{
    /// <summary>The size of a hash in bytes.</summary>
    public const int Size = Sha256Digest.Size;

    /// <summary>Reads a hash from its 32 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public BlockHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A block hash is {Size} bytes; got {bytes.Length}.", nameof(bytes));
        }
        Digest = Sha256Digest.Read(bytes);
    }

    internal BlockHash(Sha256Digest digest) => Digest = digest;

    internal Sha256Digest Digest { get; }

    /// <summary>Whether two hashes are equal.</summary>
    public static bool operator ==(BlockHash left, BlockHash right) => left.Equals(right);

    /// <summary>Whether two hashes differ.</summary>
    public static bool operator !=(BlockHash left, BlockHash right) => !left.Equals(right);

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"A block hash needs {Size} bytes of room; got {destination.Length}.", nameof(destination));
        }
        Digest.Write(destination);
    }

    /// <summary>Whether <paramref name="other"/> is the same hash.</summary>
    public bool Equals(BlockHash other) => Digest == other.Digest;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BlockHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Digest.GetHashCode();

    /// <summary>64 lowercase hex digits.</summary>
    public override string ToString() => Digest.ToString();
}
