using System.Text;

namespace Lode.Cli;

/// <summary>Where an encrypted repository's password comes from, in order: <c>--password-file FILE</c> (its first
/// line), the environment variable <c>LODE_PASSWORD</c>, or a prompt on the terminal (not echoed).</summary>
internal static class Password
{
    /// <summary>A password provider for <paramref name="file"/> / <c>LODE_PASSWORD</c> / the terminal, asked only when
    /// a repository turns out to be encrypted. <paramref name="confirm"/> asks twice on a terminal (for a new one).</summary>
    public static Func<string> From(string? file, Func<string, string?> environment, bool confirm = false) => () =>
    {
        if (!string.IsNullOrEmpty(file))
        {
            return ReadFile(file);
        }
        if (environment("LODE_PASSWORD") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }
        if (Console.IsInputRedirected)
        {
            throw new LodeException("A password is needed: set LODE_PASSWORD or use --password-file (no terminal to ask on).");
        }
        string password = Prompt("enter password for the repository: ");
        if (confirm && Prompt("enter the password again: ") != password)
        {
            throw new LodeException("The passwords do not match.");
        }
        return password;
    };

    private static string ReadFile(string file)
    {
        try
        {
            string line = File.ReadLines(file).FirstOrDefault() ?? "";
            return line.Length > 0 ? line : throw new LodeException($"The password file {file} is empty.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LodeException($"Cannot read the password file {file}: {e.Message}");
        }
    }

    private static string Prompt(string question)
    {
        Console.Error.Write(question);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return text.Length > 0 ? text.ToString() : throw new LodeException("An empty password was given.");
    }
}
