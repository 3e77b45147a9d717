using System.Text;

namespace Lode.Acceptance.Tests.Harness;

/// <summary>Assertions on the contract's exit codes, error lines and outputs, with messages that show the difference.</summary>
internal static class LodeAssert
{
    /// <summary>The command exited 0.</summary>
    public static void Succeeded(ProcessResult result) =>
        Assert.True(result.ExitCode == 0, $"expected exit 0: {result.Describe()}");

    /// <summary>The command exited <paramref name="exitCode"/> with exactly one stderr line starting with <c>lode: </c>.</summary>
    public static void OneLineError(ProcessResult result, int exitCode = 2)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}: {result.Describe()}");
        string message = result.Stderr.TrimEnd('\n');
        Assert.True(message.StartsWith("lode: ", StringComparison.Ordinal) && !message.Contains('\n', StringComparison.Ordinal),
            $"expected one stderr line starting with 'lode: ': {result.Describe()}");
    }

    /// <summary>The command failed with a one-line <c>lode: </c> message that contains the word "corrupt".</summary>
    public static void FailedCorrupt(ProcessResult result)
    {
        Assert.True(result.ExitCode != 0, $"expected a failure on damaged data: {result.Describe()}");
        string message = result.Stderr.TrimEnd('\n');
        Assert.True(message.StartsWith("lode: ", StringComparison.Ordinal) && !message.Contains('\n', StringComparison.Ordinal)
            && message.Contains("corrupt", StringComparison.OrdinalIgnoreCase),
            $"expected one stderr line 'lode: ...corrupt...': {result.Describe()}");
    }

    /// <summary>A restore that went on past entries it could not restore: exit 3, one <c>lode: warning: </c> line per
    /// such entry (at least one containing <paramref name="reason"/>), then one <c>lode: </c> line counting them.</summary>
    public static void PartlyRestored(ProcessResult result, string reason)
    {
        Assert.True(result.ExitCode == 3, $"expected exit 3: {result.Describe()}");
        string[] lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length >= 2 && lines[..^1].All(l => l.StartsWith("lode: warning: could not restore '", StringComparison.Ordinal))
            && lines.Any(l => l.Contains(reason, StringComparison.OrdinalIgnoreCase))
            && lines[^1].StartsWith("lode: ", StringComparison.Ordinal) && lines[^1].EndsWith("could not be restored (named above)", StringComparison.Ordinal),
            $"expected warnings naming each entry not restored ('{reason}'), then a count: {result.Describe()}");
    }

    /// <summary>Byte-for-byte equal outputs; on a difference the message names the first differing line.</summary>
    public static void SameOutput(byte[] expected, byte[] actual, string what)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }
        var expectedLines = SplitLines(expected);
        var actualLines = SplitLines(actual);
        int first = 0;
        while (first < Math.Min(expectedLines.Count, actualLines.Count) && expectedLines[first] == actualLines[first])
        {
            first++;
        }
        Assert.Fail($"{what}: outputs differ at line {first + 1} (expected {expectedLines.Count} lines, " +
            $"{expected.Length} bytes; got {actualLines.Count} lines, {actual.Length} bytes)\n" +
            $"expected: {Show(expectedLines, first)}\n     got: {Show(actualLines, first)}");
    }

    /// <summary>The lines of a text output (the piece after the last <c>\n</c> is kept only when non-empty).</summary>
    public static List<string> SplitLines(byte[] output)
    {
        var lines = Encoding.UTF8.GetString(output).Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return lines;
    }

    private static string Show(List<string> lines, int index) =>
        index < lines.Count ? Truncate(lines[index]).Replace("\r", "\\r", StringComparison.Ordinal) : "<end of output>";

    private static string Truncate(string line) => line.Length > 300 ? line[..300] + "..." : line;
}
