using System.Diagnostics;

namespace Lode.Acceptance.Tests.Harness;

/// <summary>Runs a child process to completion with a timeout, capturing stdout bytes and stderr text.</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (passed verbatim, no shell), with stdin an
    /// already closed pipe, and waits for it. On timeout the whole process tree is killed and a
    /// <see cref="TimeoutException"/> says which command hung.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        string commandLine = fileName + " " + string.Join(' ', arguments.Select(Quote));
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"could not start `{commandLine}`");
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        Task copyStdout = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> readStderr = process.StandardError.ReadToEndAsync();

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:0} s and was killed");
        }
        await copyStdout;
        string stderr = await readStderr;
        return new ProcessResult(commandLine, process.ExitCode, stdout.ToArray(), stderr);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
