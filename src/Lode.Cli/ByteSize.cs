using System.Globalization;

namespace Lode.Cli;

/// <summary>
/// Sizes as people write them: a number (a fraction allowed) and an optional unit, case-insensitive: <c>B</c>;
/// <c>K</c>, <c>KiB</c>, <c>M</c>, <c>MiB</c>, <c>G</c>, <c>GiB</c>, <c>T</c>, <c>TiB</c> (powers of 1024); <c>KB</c>,
/// <c>MB</c>, <c>GB</c>, <c>TB</c> (powers of 1000). Examples: <c>512MiB</c>, <c>10GiB</c>, <c>1.5G</c>, <c>4096</c>.
/// </summary>
internal static class ByteSize
{
    private static readonly Dictionary<string, long> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = 1, ["B"] = 1,
        ["K"] = 1L << 10, ["KiB"] = 1L << 10, ["KB"] = 1000,
        ["M"] = 1L << 20, ["MiB"] = 1L << 20, ["MB"] = 1000 * 1000,
        ["G"] = 1L << 30, ["GiB"] = 1L << 30, ["GB"] = 1000 * 1000 * 1000,
        ["T"] = 1L << 40, ["TiB"] = 1L << 40, ["TB"] = 1000L * 1000 * 1000 * 1000,
    };

    /// <summary>Parses <paramref name="text"/> into a whole number of bytes (a fraction is rounded down).</summary>
    /// <returns>Whether the text is a size between 0 and <see cref="long.MaxValue"/> bytes.</returns>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        int split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] == '.'))
        {
            split++;
        }
        if (split == 0 || !Units.TryGetValue(text[split..], out long unit) ||
            !decimal.TryParse(text.AsSpan(0, split), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
        {
            return false;
        }
        try
        {
            decimal total = decimal.Floor(number * unit);
            if (total > long.MaxValue)
            {
                return false;
            }
            bytes = (long)total;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>A System.CommandLine parser for an option whose value is a size; a bad value is a parse error naming the option.</summary>
    public static Func<System.CommandLine.Parsing.ArgumentResult, long?> OptionParser(string option) => result =>
    {
        string text = result.Tokens[0].Value;
        if (TryParse(text, out long bytes))
        {
            return bytes;
        }
        result.AddError($"{option} '{text}' is not a size; give bytes or a number with a unit, e.g. 512MiB or 10GiB.");
        return null;
    };
}
