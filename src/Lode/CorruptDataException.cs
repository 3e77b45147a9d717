namespace Lode;

/// <summary>
/// Stored bytes failed a check (a CRC32C, a SHA-256, a structural check): the repository is damaged at the
/// place the message names. Nothing read from the damaged place is ever returned.
/// </summary>
public sealed class CorruptDataException : LodeException
{
    /// <summary>Creates the exception; the message names the object and what failed.</summary>
    public CorruptDataException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the failure underneath it.</summary>
    public CorruptDataException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public CorruptDataException() : base("Stored data is corrupt.")
    {
    }
}
