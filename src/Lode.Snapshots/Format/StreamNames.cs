namespace Lode.Snapshots.Format;

/// <summary>The rule for stream names: 1 to 16 bytes of [a-z0-9-].</summary>
internal static class StreamNames
{
    /// <summary>The longest name, in bytes.</summary>
    public const int MaxLength = 16;

    /// <summary>Whether <paramref name="name"/> is a valid stream name.</summary>
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.Length is < 1 or > MaxLength)
        {
            return false;
        }
        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Throws unless <paramref name="name"/> is a valid stream name.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long, or has a character outside [a-z0-9-].</exception>
    public static void Validate(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"Stream name '{name}' is invalid: use 1 to {MaxLength} characters of [a-z0-9-], e.g. 'data'.", parameterName);
        }
    }
}
