using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Lode.Cli;

/// <summary>Parsing of options that take a whole number within bounds.</summary>
internal static class WholeNumber
{
    /// <summary>
    /// A custom parser for <paramref name="option"/>: accepts a decimal whole number from <paramref name="min"/> to
    /// <paramref name="max"/>, and otherwise adds the parse error "<c>OPTION must be RULE.</c>" (exit code 2), so that
    /// text like "abc" is refused with a message instead of failing the conversion later.
    /// </summary>
    public static Func<ArgumentResult, T?> Parser<T>(string option, T min, T max, string rule)
        where T : struct, IBinaryInteger<T> => result =>
    {
        string text = result.Tokens[0].Value;
        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T value) && value >= min && value <= max)
        {
            return value;
        }
        result.AddError($"{option} '{text}' is not valid: it must be {rule}.");
        return null;
    };
}
