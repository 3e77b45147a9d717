using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Harness;
using Lode.ObjectStorage.Tests;

namespace Lode.Acceptance.Tests.Remote;

/// <summary>
/// One s3rver on loopback for a test class, the generated tree (with a 12 MB big file, more than one 8 MiB fetch
/// chunk), and a local repository holding a snapshot of the same tree (tagged t1), to compare remote outputs with.
/// </summary>
public sealed class RemoteTreeFixture : IAsyncLifetime
{
    private readonly TempDirectory _work = new();

    internal S3rverProcess Server { get; } = new();

    internal string Root => _work.Combine("tree");

    internal string LocalRepo => _work.Combine("local-repo");

    /// <summary>Generates the tree and snapshots it into the local repository.</summary>
    public async Task InitializeAsync()
    {
        TreeGenerator.Generate(Root, seed: 20_251_121, bigFileBytes: 12_000_000);
        var snapshot = await LodeCli.RunAsync(LocalRepo, "snapshot", Root, "--tag", "t1");
        if (snapshot.ExitCode != 0)
        {
            throw new InvalidOperationException($"local snapshot failed: {snapshot.Describe()}");
        }
    }

    /// <summary>A new, empty directory for a test (a cache, a restore target).</summary>
    internal string NewDirectory(string name) =>
        Directory.CreateDirectory(_work.Combine(name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>The environment that reaches the server (endpoint, keys) with <paramref name="cacheDir"/> as the cache.</summary>
    internal Dictionary<string, string?> Environment(string cacheDir) => new()
    {
        ["AWS_ENDPOINT_URL"] = Server.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_S3"] = null,
        ["AWS_ACCESS_KEY_ID"] = S3rverProcess.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = S3rverProcess.SecretKey,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_REGION"] = null,
        ["LODE_CACHE_DIR"] = cacheDir,
        ["LODE_TEST_LATENCY_MS"] = null,
    };

    /// <summary>Runs <c>lode --repo REPO ARGS</c> against the server with <paramref name="cacheDir"/> as the cache.</summary>
    internal Task<ProcessResult> RunAsync(string repo, string cacheDir, params string[] arguments) =>
        LodeCli.RunAsync(repo, LodeCli.DefaultTimeout, Environment(cacheDir), arguments);

    public Task DisposeAsync()
    {
        Server.Dispose();
        _work.Dispose();
        return Task.CompletedTask;
    }
}
