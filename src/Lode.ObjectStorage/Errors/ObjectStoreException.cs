namespace Lode.ObjectStorage;

/// <summary>
/// The base of the typed errors an <see cref="IObjectStore"/> throws: catch this to handle every store
/// failure; catch a subclass (<see cref="ObjectNotFoundException"/>, <see cref="ObjectStoreTransientException"/>,
/// <see cref="ObjectStorePermanentException"/>) to handle one kind.
/// </summary>
public class ObjectStoreException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ObjectStoreException() : base("The object store failed.")
    {
    }

    /// <summary>Creates the exception with a message that says what failed, where, and what to do.</summary>
    public ObjectStoreException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public ObjectStoreException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an operation on <paramref name="key"/>.</summary>
    /// <param name="message">What failed, where, and what to do.</param>
    /// <param name="key">The key of the object involved, or <c>null</c> when the failure is not about one object.</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    public ObjectStoreException(string message, string? key, Exception? innerException) : base(message, innerException)
    {
        Key = key;
    }

    /// <summary>The key of the object the failed operation was about, or <c>null</c>.</summary>
    public string? Key { get; }
}
