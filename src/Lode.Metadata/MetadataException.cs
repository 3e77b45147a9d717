namespace Lode.Metadata;

/// <summary>
/// The base of every error the metadata store raises on its own: a damaged file, a directory already open by
/// another process, a key or value over the limits, or a write-ahead log that can no longer be written.
/// </summary>
public class MetadataException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public MetadataException() : base("The metadata store failed.")
    {
    }

    /// <summary>Creates the exception with a message that says what failed, where, and what to do.</summary>
    public MetadataException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it (for example an I/O error).</summary>
    public MetadataException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
