using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.Fixtures;

/// <summary>
/// One snapshot of <c>/usr/include</c> into a repository that the snapshot itself creates (no <c>init</c>), taken once
/// for every test of <see cref="UsrIncludeCollection"/>.
/// </summary>
public sealed class UsrIncludeFixture : IAsyncLifetime
{
    /// <summary>The real corpus.</summary>
    public const string Root = "/usr/include";

    private readonly TempDirectory _work = new();

    internal string Repo => _work.Combine("repo");

    internal SnapshotInfo Snapshot { get; private set; } = null!;

    /// <summary>Takes the snapshot.</summary>
    public async Task InitializeAsync() =>
        Snapshot = await SnapshotInfo.TakeAsync(Repo, Root, tag: null, TimeSpan.FromMinutes(10));

    /// <summary>Deletes the repository.</summary>
    public Task DisposeAsync()
    {
        _work.Dispose();
        return Task.CompletedTask;
    }
}
