namespace Lode.Snapshots;

/// <summary>
/// Bytes of a snapshot do not match their checksum or hash, or do not decompress to their recorded length.
/// Raised instead of ever returning wrong bytes.
/// </summary>
public sealed class SnapshotCorruptException : SnapshotException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SnapshotCorruptException() : base("The snapshot is corrupt.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SnapshotCorruptException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public SnapshotCorruptException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from its parts.</summary>
    /// <param name="message">Says what is corrupt and where.</param>
    /// <param name="stream">The stream name.</param>
    /// <param name="blockIndex">The block number within the stream, or -1 for the stream's master index.</param>
    /// <param name="expected">What the file records (hex for checksums and hashes).</param>
    /// <param name="actual">What was found (hex for checksums and hashes).</param>
    /// <param name="innerException">The failure underneath, e.g. a codec error.</param>
    public SnapshotCorruptException(string message, string stream, long blockIndex, string expected, string actual,
        Exception? innerException = null)
        : base(message, innerException!)
    {
        Stream = stream;
        BlockIndex = blockIndex;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The stream whose bytes are corrupt ("" when not known).</summary>
    public string Stream { get; } = "";

    /// <summary>
    /// The block number within <see cref="Stream"/>; for a corrupt index page, its first block; -1 for a master index.
    /// </summary>
    public long BlockIndex { get; } = -1;

    /// <summary>The recorded value: a CRC32C or SHA-256 in lowercase hex, or a length for a decompression failure.</summary>
    public string Expected { get; } = "";

    /// <summary>The value found, in the same form as <see cref="Expected"/>.</summary>
    public string Actual { get; } = "";
}
