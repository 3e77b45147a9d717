namespace Lode.ObjectStorage;

/// <summary>A failure that retrying will not fix without outside help: permission denied, disk full, a read-only filesystem, an I/O error, or an object too large for the call. The message says what and where (key and path); the inner exception is the underlying error.</summary>
public sealed class ObjectStorePermanentException : ObjectStoreException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ObjectStorePermanentException() : base("The object store failed; retrying will not help.")
    {
    }

    /// <summary>Creates the exception with a message that says what failed, where, and what to do.</summary>
    public ObjectStorePermanentException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public ObjectStorePermanentException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an operation on <paramref name="key"/>.</summary>
    /// <param name="message">What failed, where, and what to do.</param>
    /// <param name="key">The key of the object involved, or <c>null</c> when the failure is not about one object.</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    public ObjectStorePermanentException(string message, string? key, Exception? innerException) : base(message, key, innerException)
    {
    }
}
