using System.Text;

namespace Lode.ObjectStorage;

/// <summary>
/// The rules every object key follows, the same for every store: one or more segments separated by
/// <c>'/'</c>, each made of the characters <c>[A-Za-z0-9._-]</c>; no empty, <c>"."</c> or <c>".."</c>
/// segment (so no leading, trailing or doubled <c>'/'</c>); at most <see cref="MaxLength"/> bytes.
/// </summary>
/// <remarks>
/// The rules keep a key a safe relative path on every filesystem and a plain S3 key, so one repository
/// can move between stores unchanged. Thread-safe (stateless).
/// </remarks>
public static class ObjectKey
{
    /// <summary>The longest key, in bytes (keys are ASCII, so also in characters). S3 allows 1024.</summary>
    public const int MaxLength = 1024;

    private const int MaxShownLength = 80;

    /// <summary>Whether <paramref name="key"/> follows the key rules. Never throws; <c>null</c> is invalid.</summary>
    public static bool IsValid(string? key) => Problem(key) is null;

    /// <summary>Checks <paramref name="key"/> against the key rules.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">
    /// The key breaks a rule; the message shows the key (escaped and shortened) and the rule it breaks.
    /// </exception>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string? problem = Problem(key);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid object key {Describe(key)}: {problem}.", nameof(key));
        }
    }

    /// <summary>
    /// Renders <paramref name="key"/> for an error message: quoted, control and non-ASCII characters
    /// escaped, and cut after 80 characters, so a hostile key cannot flood or garble a log.
    /// </summary>
    internal static string Describe(string key)
    {
        var text = new StringBuilder(Math.Min(key.Length, MaxShownLength) + 16).Append('"');
        foreach (char c in key.Length > MaxShownLength ? key[..MaxShownLength] : key)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                text.Append(c);
            }
            else
            {
                text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        text.Append('"');
        if (key.Length > MaxShownLength)
        {
            text.Append("... (").Append(key.Length).Append(" characters)");
        }
        return text.ToString();
    }

    private static string? Problem(string? key)
    {
        if (key is null)
        {
            return "the key is null";
        }
        if (key.Length == 0)
        {
            return "the key is empty";
        }
        if (key.Length > MaxLength)
        {
            return $"the key is {key.Length} bytes long, more than the limit of {MaxLength}";
        }
        int segmentStart = 0;
        for (int i = 0; i <= key.Length; i++)
        {
            if (i < key.Length && key[i] != '/')
            {
                if (!IsKeyChar(key[i]))
                {
                    return $"character {i} is not one of [A-Za-z0-9._-] or '/'";
                }
                continue;
            }
            var segment = key.AsSpan(segmentStart, i - segmentStart);
            if (segment.IsEmpty)
            {
                return "a segment is empty (a leading, trailing or doubled '/')";
            }
            if (segment is "." or "..")
            {
                return "a segment is \".\" or \"..\"";
            }
            segmentStart = i + 1;
        }
        return null;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
