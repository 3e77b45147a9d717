using System.Text;

namespace Lode.Acceptance.Tests.Harness;

/// <summary>What a finished child process left behind: exit code, raw stdout bytes, stderr text.</summary>
/// <param name="CommandLine">The command as run, for failure messages.</param>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Every byte written to stdout, unmodified.</param>
/// <param name="Stderr">Stderr decoded as UTF-8.</param>
internal sealed record ProcessResult(string CommandLine, int ExitCode, byte[] Stdout, string Stderr)
{
    /// <summary>Stdout decoded as UTF-8 (only for outputs that are text by contract).</summary>
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>A short description for assertion messages: command, exit code, and the head of stderr.</summary>
    public string Describe()
    {
        string err = Stderr.Length > 2000 ? Stderr[..2000] + "..." : Stderr;
        return $"`{CommandLine}` exited {ExitCode}; stderr: {err.TrimEnd()}";
    }
}
