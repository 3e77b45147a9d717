namespace Lode.Metadata;

/// <summary>
/// The store directory is already open for writing, by another process or by another <see cref="MetadataStore"/>
/// in this one: one writer per directory, held by an exclusive lock on its <c>LOCK</c> file. Close the other
/// store (or wait for the other process to exit; the lock dies with it) and open again.
/// </summary>
public sealed class MetadataLockedException : MetadataException
{
    /// <summary>Creates the exception with a default message.</summary>
    public MetadataLockedException() : base("The metadata store is locked by another writer.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MetadataLockedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public MetadataLockedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
