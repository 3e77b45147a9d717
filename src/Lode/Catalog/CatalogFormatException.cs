namespace Lode;

/// <summary>
/// A catalog record that this Lode cannot decode (damaged, or written in a format it does not know). The catalog is
/// derived data: the handler rebuilds it from the repository's objects; this never reaches the user.
/// </summary>
internal sealed class CatalogFormatException : LodeException
{
    /// <summary>Creates the exception; <paramref name="message"/> says which record and what is wrong.</summary>
    public CatalogFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the decoder's failure as the inner exception.</summary>
    public CatalogFormatException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CatalogFormatException() : base("A catalog record is undecodable.")
    {
    }
}
