namespace Lode.Snapshots;

/// <summary>
/// An encrypted snapshot cannot be authenticated: no key was given, the key or password is wrong (found by the
/// key check value before any block is read), the header MAC does not match (the index or header was tampered
/// with), or a block fails its AES-GCM tag. Also raised when a key is given for a snapshot that is not encrypted.
/// </summary>
public sealed class SnapshotAuthenticationException : SnapshotException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SnapshotAuthenticationException() : base("The snapshot could not be authenticated.")
    {
    }

    /// <summary>Creates the exception with a message that says what failed and what to do.</summary>
    public SnapshotAuthenticationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public SnapshotAuthenticationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
