namespace Lode.Acceptance.Tests.Harness;

/// <summary>
/// Runs ripgrep the way the search contract is defined: <c>rg -F -n --no-heading -uu --sort path -- TEXT</c>, with
/// <c>-c</c> or <c>-l</c> added for <c>lode search --count</c> and <c>--files-with-matches</c>.
/// </summary>
internal static class Ripgrep
{
    /// <summary>
    /// Runs the reference command inside <paramref name="directory"/> with no path argument. Stdin is
    /// <c>/dev/null</c>: ripgrep searches stdin instead of the working directory when stdin is a pipe, as it would be
    /// under a test runner. Fails (rather than skips) when rg is not installed, because CI installs it.
    /// <paramref name="flags"/> go before the <c>--</c> (e.g. <c>-c</c>, <c>-l</c>, <c>-m 2</c>).
    /// </summary>
    public static Task<ProcessResult> SearchAsync(string directory, string literal, params string[] flags)
    {
        string rg = FindOnPath("rg")
            ?? throw new InvalidOperationException(
                "ripgrep (rg) must be installed for the search acceptance tests (apt-get install ripgrep); CI installs it");
        string[] arguments = ["-c", "exec \"$0\" \"$@\" < /dev/null", rg, "-F", "-n", "--no-heading", "-uu", "--sort", "path", .. flags, "--", literal];
        return ProcessRunner.RunAsync("/bin/sh", arguments, TimeSpan.FromMinutes(2), directory);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
