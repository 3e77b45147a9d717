namespace Lode.IO;

/// <summary>A codec refused its input: corrupt compressed bytes, or a result of the wrong size.</summary>
public sealed class CodecException : Exception
{
    /// <summary>Creates the exception with a message that says what failed.</summary>
    public CodecException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure underneath it.</summary>
    public CodecException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public CodecException() : base("The codec failed.")
    {
    }
}
