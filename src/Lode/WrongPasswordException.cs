namespace Lode;

/// <summary>The password does not open an encrypted repository. Nothing was read but the repository's config.</summary>
public sealed class WrongPasswordException : LodeException
{
    /// <summary>Creates the exception with a message naming the repository.</summary>
    public WrongPasswordException(string message) : base(message)
    {
    }
}
