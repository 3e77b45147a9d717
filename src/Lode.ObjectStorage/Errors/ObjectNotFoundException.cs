namespace Lode.ObjectStorage;

/// <summary>The object does not exist in the store. The message names the key and the store.</summary>
public sealed class ObjectNotFoundException : ObjectStoreException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ObjectNotFoundException() : base("The object does not exist.")
    {
    }

    /// <summary>Creates the exception with a message that says what failed, where, and what to do.</summary>
    public ObjectNotFoundException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public ObjectNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an operation on <paramref name="key"/>.</summary>
    /// <param name="message">What failed, where, and what to do.</param>
    /// <param name="key">The key of the object involved, or <c>null</c> when the failure is not about one object.</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    public ObjectNotFoundException(string message, string? key, Exception? innerException) : base(message, key, innerException)
    {
    }
}
