namespace Lode.Metadata;

/// <summary>
/// A key, value or atomic batch is over the store's limits: keys are 1 to <see cref="MetadataStore.MaxKeyBytes"/>
/// bytes, values 0 to <see cref="MetadataStore.MaxValueBytes"/> bytes, and an atomic batch must encode to at most
/// <see cref="MetadataStoreOptions.RingBytes"/> bytes of write-ahead log. Nothing was written.
/// </summary>
public sealed class MetadataLimitException : MetadataException
{
    /// <summary>Creates the exception with a default message.</summary>
    public MetadataLimitException() : base("A key, value or batch is over the metadata store's limits.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MetadataLimitException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public MetadataLimitException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
