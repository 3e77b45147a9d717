using System.Diagnostics;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.Crash;

/// <summary>Runs <c>lode snapshot</c> as a child process and SIGKILLs it after a given delay, unless it finished first.</summary>
internal static class KilledSnapshot
{
    /// <summary>
    /// Starts <c>lode --repo REPO snapshot TREE</c> (cache and catalog in <paramref name="cacheDir"/>, temporary files
    /// in <paramref name="tempDir"/>), waits for
    /// <paramref name="beforeKill"/> (given the process), and kills it with SIGKILL if it is still running. Returns
    /// true when it was killed; a run that finished first must have succeeded.
    /// </summary>
    public static async Task<bool> RunAsync(string repo, string cacheDir, string tempDir, string tree, Func<Process, Task> beforeKill)
    {
        var (fileName, prefix) = LodeCli.Program;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[.. prefix, "--repo", repo, "snapshot", tree])
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment.Remove("LODE_REPO");
        info.Environment["LODE_CACHE_DIR"] = cacheDir;
        info.Environment["NO_COLOR"] = "1";
        info.Environment["TMPDIR"] = tempDir;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        // The delay is the experiment (where the kill lands), not a synchronisation: every assertion waits for exits.
        await beforeKill(process);
        bool sent = false;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL on Linux: no handler, no cleanup, exactly a crash
                sent = true;
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        await process.WaitForExitAsync();
        string output = await stdout, errors = await stderr;
        // A process killed by SIGKILL reports 128 + 9; one that finished just before the signal reports its own status.
        bool killed = sent && process.ExitCode == 137;
        if (!killed && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"an unkilled snapshot failed with exit {process.ExitCode}: {errors}{output}");
        }
        return killed;
    }

    /// <summary>Waits until the repository holds one more object under <c>data/</c> or <c>snapshots/</c> than
    /// <paramref name="before"/> (a container or a manifest was just stored), or the process exited.</summary>
    public static async Task UntilStoredAsync(Process process, string repo, int before)
    {
        while (!process.HasExited && StoredObjects(repo) <= before)
        {
            await Task.Delay(1);
        }
    }

    /// <summary>The objects under <c>data/</c>, <c>snapshots/</c> and <c>indexes/</c>.</summary>
    public static int StoredObjects(string repo) =>
        new[] { "data", "snapshots", "indexes" }.Select(d => Path.Combine(repo, d)).Where(Directory.Exists)
            .Sum(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Count());
}
