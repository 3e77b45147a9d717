namespace Lode.SuffixArrays;

/// <summary>
/// A serialized <see cref="FmIndex"/> is damaged or hostile: a checksum mismatch, a size or offset out of
/// range, or a structure that contradicts the header. The message names the section (header, directory,
/// BWT superblock <c>k</c>, sample chunk <c>k</c>) and what is wrong. An <see cref="IOException"/> (not an
/// <see cref="InvalidDataException"/>, which .NET seals), so callers that treat unreadable storage alike catch both.
/// </summary>
public sealed class FmIndexFormatException : IOException
{
    /// <summary>Creates the exception with no message.</summary>
    public FmIndexFormatException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong and where.</summary>
    public FmIndexFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed the damage.</summary>
    public FmIndexFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
