using System.Globalization;

namespace Lode.Benchmarks;

/// <summary>
/// <c>--name value</c> pairs of a benchmark command. <see cref="Parse"/> accepts only the names it is given; the
/// readers throw <see cref="FormatException"/> for a value that does not parse (the command prints its usage).
/// </summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string> _values;

    private CommandOptions(Dictionary<string, string> values) => _values = values;

    /// <summary>The options in <paramref name="args"/>, or null when a name is unknown or a value is missing.</summary>
    public static CommandOptions? Parse(string[] args, params string[] known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (args.Length % 2 != 0)
        {
            return null;
        }
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!known.Contains(args[i]))
            {
                return null;
            }
            values[args[i]] = args[i + 1];
        }
        return new CommandOptions(values);
    }

    /// <summary>The value of <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    /// <summary>The integer value of <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The number value of <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public double Number(string name, double fallback) =>
        _values.TryGetValue(name, out string? value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The comma-separated values of <paramref name="name"/> (or of <paramref name="fallback"/>), each parsed by <paramref name="parse"/>.</summary>
    public T[] List<T>(string name, string fallback, Func<string, T> parse) =>
        [.. Text(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse)];
}
