namespace Lode.ObjectStorage;

/// <summary>A failure that may go away if the same operation is retried later (for example a timeout, a throttled or busy backend, an S3 5xx). Retrying is safe: every store operation is idempotent or atomic.</summary>
public sealed class ObjectStoreTransientException : ObjectStoreException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ObjectStoreTransientException() : base("The object store failed temporarily; retry the operation.")
    {
    }

    /// <summary>Creates the exception with a message that says what failed, where, and what to do.</summary>
    public ObjectStoreTransientException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public ObjectStoreTransientException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an operation on <paramref name="key"/>.</summary>
    /// <param name="message">What failed, where, and what to do.</param>
    /// <param name="key">The key of the object involved, or <c>null</c> when the failure is not about one object.</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    public ObjectStoreTransientException(string message, string? key, Exception? innerException) : base(message, key, innerException)
    {
    }
}
