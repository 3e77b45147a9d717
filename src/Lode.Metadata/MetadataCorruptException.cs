namespace Lode.Metadata;

/// <summary>
/// A file of the store (manifest, checkpoint, or write-ahead log segment) is damaged in a way recovery must not
/// paper over: a checksum mismatch in the middle of the log, a checkpoint that fails its checks, a file the
/// manifest names that is missing. A torn tail at the end of the log is not an error: it is truncated on open
/// and reported in <see cref="RecoveryReport"/>.
/// </summary>
public sealed class MetadataCorruptException : MetadataException
{
    /// <summary>Creates the exception with a default message.</summary>
    public MetadataCorruptException() : base("The metadata store is corrupt.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MetadataCorruptException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public MetadataCorruptException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the damaged file and the byte offset of the damage.</summary>
    /// <param name="message">Says what is wrong and what to do.</param>
    /// <param name="file">The full path of the damaged or missing file.</param>
    /// <param name="offset">The byte offset within <paramref name="file"/> where the damage starts; -1 for the whole file.</param>
    public MetadataCorruptException(string message, string file, long offset) : base(message)
    {
        File = file;
        Offset = offset;
    }

    /// <summary>The full path of the damaged or missing file ("" when not known).</summary>
    public string File { get; } = "";

    /// <summary>The byte offset within <see cref="File"/> where the damage starts; -1 for the whole file or not known.</summary>
    public long Offset { get; } = -1;
}
