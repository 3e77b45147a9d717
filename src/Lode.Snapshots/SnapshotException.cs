namespace Lode.Snapshots;

/// <summary>The base of every error a snapshot file causes: bad structure or corrupt bytes.</summary>
public class SnapshotException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SnapshotException() : base("The snapshot is unusable.")
    {
    }

    /// <summary>Creates the exception with a message that says what and where.</summary>
    public SnapshotException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public SnapshotException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
