namespace Lode.Snapshots.Format;

/// <summary>The rule for snapshot ids in a parent table: 1 to 64 characters of [A-Za-z0-9._-].</summary>
internal static class SnapshotIds
{
    /// <summary>The longest id, in characters (= bytes).</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="id"/> is a valid snapshot id.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length is < 1 or > MaxLength)
        {
            return false;
        }
        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Throws unless <paramref name="id"/> is a valid snapshot id.</summary>
    /// <exception cref="ArgumentException">The id is empty, longer than 64 characters, or has another character.</exception>
    public static void Validate(string? id, string parameterName)
    {
        if (id is null || !IsValid(id))
        {
            throw new ArgumentException(
                $"Snapshot id '{id}' is invalid: use 1 to {MaxLength} characters of [A-Za-z0-9._-].", parameterName);
        }
    }
}
