namespace Lode.Acceptance.Tests.Harness;

/// <summary>
/// Runs the `lode` command as a child process. By default it is the CLI's build output that the project reference
/// copies beside the tests (<c>dotnet &lt;testdir&gt;/lode.dll</c>); the environment variable <c>LODE_CLI</c> may name
/// another build (a <c>.dll</c> run through <c>dotnet</c>, or a native executable such as a published apphost).
/// </summary>
internal static class LodeCli
{
    /// <summary>The default time one command may take; snapshots of big trees pass their own.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<(string FileName, string[] Prefix)> Command = new(Locate);

    /// <summary>Runs <c>lode --repo REPO ARGS...</c> with the default timeout.</summary>
    public static Task<ProcessResult> RunAsync(string repo, params string[] arguments) =>
        RunAsync(repo, DefaultTimeout, arguments);

    /// <summary>
    /// Runs <c>lode --repo REPO ARGS...</c>: the repository is always passed explicitly and <c>LODE_REPO</c> is removed
    /// from the child's environment so the caller's shell cannot leak into a test; unless the caller sets
    /// <c>LODE_CACHE_DIR</c>, a local repository's cache and catalog go to <c>REPO.cache</c> beside it.
    /// </summary>
    public static Task<ProcessResult> RunAsync(string repo, TimeSpan timeout, params string[] arguments) =>
        RunAsync(repo, timeout, new Dictionary<string, string?>(), arguments);

    /// <summary>As <see cref="RunAsync(string, TimeSpan, string[])"/>, with <paramref name="environment"/> set (a
    /// <c>null</c> value removes a variable) on top of the child's environment.</summary>
    public static Task<ProcessResult> RunAsync(string repo, TimeSpan timeout, IReadOnlyDictionary<string, string?> environment,
        params string[] arguments)
    {
        var (fileName, prefix) = Command.Value;
        string[] all = [.. prefix, "--repo", repo, .. arguments];
        var variables = new Dictionary<string, string?>(environment) { ["LODE_REPO"] = null, ["NO_COLOR"] = "1" };
        if (!variables.ContainsKey("LODE_CACHE_DIR") && !repo.StartsWith("s3://", StringComparison.Ordinal))
        {
            // The catalog (and cache) of a local test repository lives beside it, in the test's own temp directory.
            variables["LODE_CACHE_DIR"] = repo.TrimEnd('/') + ".cache";
        }
        return ProcessRunner.RunAsync(fileName, all, timeout, environment: variables);
    }

    /// <summary>The program that runs lode, and the arguments before lode's own (the <c>lode.dll</c> path, or none).</summary>
    internal static (string FileName, string[] Prefix) Program => Command.Value;

    private static (string, string[]) Locate()
    {
        string? overridePath = Environment.GetEnvironmentVariable("LODE_CLI");
        string path = string.IsNullOrEmpty(overridePath)
            ? Path.Combine(AppContext.BaseDirectory, "lode.dll")
            : Path.GetFullPath(overridePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"the lode CLI was not found at {path}; build tests/Lode.Acceptance.Tests (it copies src/Lode.Cli's " +
                "output beside the tests) or set LODE_CLI to a lode.dll or lode executable", path);
        }
        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return (path, []);
        }
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return (dotnet, [path]);
    }
}
