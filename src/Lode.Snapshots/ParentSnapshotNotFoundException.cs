namespace Lode.Snapshots;

/// <summary>
/// A snapshot refers to blocks of a parent snapshot that could not be opened: no
/// <see cref="SnapshotReaderOptions.ParentLoader"/> was given, or it threw or returned null.
/// </summary>
public sealed class ParentSnapshotNotFoundException : SnapshotException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ParentSnapshotNotFoundException() : base("A parent snapshot could not be opened.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ParentSnapshotNotFoundException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public ParentSnapshotNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for parent <paramref name="snapshotId"/>.</summary>
    /// <param name="message">Says which parent, why, and what to do.</param>
    /// <param name="snapshotId">The parent's snapshot id.</param>
    /// <param name="innerException">What the loader threw, if anything.</param>
    public ParentSnapshotNotFoundException(string message, string snapshotId, Exception? innerException)
        : base(message, innerException!)
    {
        SnapshotId = snapshotId;
    }

    /// <summary>The id of the parent that could not be opened ("" when not known).</summary>
    public string SnapshotId { get; } = "";
}
