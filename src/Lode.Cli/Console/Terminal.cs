using System.Globalization;

namespace Lode.Cli;

/// <summary>Where <c>lode</c> writes: errors and warnings on stderr, results on stdout.</summary>
internal static class Terminal
{
    /// <summary>True when stderr is a terminal: only then is progress shown.</summary>
    public static bool ShowsProgress => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>Writes "lode: MESSAGE" as one line on stderr.</summary>
    public static void Error(string message) => Console.Error.WriteLine("lode: " + OneLine(message));

    /// <summary>Writes "lode: warning: MESSAGE" as one line on stderr.</summary>
    public static void Warning(string message) => Console.Error.WriteLine("lode: warning: " + OneLine(message));

    /// <summary>Writes "lode: MESSAGE" as one line on stderr: something worth knowing that is not a failure (a catalog rebuilt).</summary>
    public static void Notice(string message) => Console.Error.WriteLine("lode: " + OneLine(message));

    /// <summary>Raw, buffered standard output for bytes (cat, search).</summary>
    public static Stream OpenStdout() => new BufferedStream(Console.OpenStandardOutput(), 1 << 16);

    /// <summary>A byte count for people: "512 B", "1.5 KiB", "3.2 MiB".</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").TrimEnd();
}
