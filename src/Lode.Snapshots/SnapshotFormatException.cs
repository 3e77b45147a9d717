namespace Lode.Snapshots;

/// <summary>
/// The file is not a snapshot this reader can read: bad magic, unsupported version, a header CRC mismatch, or an
/// offset, length or count that does not fit the file. <see cref="Offset"/> says where, when known.
/// </summary>
public sealed class SnapshotFormatException : SnapshotException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SnapshotFormatException() : base("The file is not a valid snapshot.")
    {
    }

    /// <summary>Creates the exception with a message that says what and where.</summary>
    public SnapshotFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public SnapshotFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the file offset (bytes) of the bad structure.</summary>
    public SnapshotFormatException(string message, long? offset, Exception? innerException = null)
        : base(message, innerException!)
    {
        Offset = offset;
    }

    /// <summary>The file offset in bytes of the structure that is wrong, when known.</summary>
    public long? Offset { get; }
}
