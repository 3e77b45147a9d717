using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.Fixtures;

/// <summary>
/// The generated tree (with its 50 MB file), a repository made by <c>lode init</c>, and one tagged snapshot of the
/// tree, shared by the tests of <see cref="GeneratedTreeCollection"/>. Tests must not change the tree or the
/// repository; a test that damages a repository copies it first (<see cref="CopyRepository"/>).
/// </summary>
public sealed class GeneratedTreeFixture : IAsyncLifetime
{
    /// <summary>The tag given to the snapshot.</summary>
    public const string Tag = "accept-gen";

    /// <summary>The size of the big file: 50 MB.</summary>
    public const long BigFileBytes = 50L * 1000 * 1000;

    private readonly TempDirectory _work = new();
    private readonly Lazy<SearchOracle> _oracle;

    /// <summary>Creates the paths; <see cref="InitializeAsync"/> fills them.</summary>
    public GeneratedTreeFixture() => _oracle = new Lazy<SearchOracle>(() => SearchOracle.Load(Root));

    internal string Root => _work.Combine("tree");

    internal string Repo => _work.Combine("repo");

    internal SnapshotInfo Snapshot { get; private set; } = null!;

    internal SearchOracle Oracle => _oracle.Value;

    /// <summary>Generates the tree, runs <c>lode init</c>, then <c>lode snapshot --tag</c>.</summary>
    public async Task InitializeAsync()
    {
        TreeGenerator.Generate(Root, seed: 20_251_120, BigFileBytes);
        var init = await LodeCli.RunAsync(Repo, "init");
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"init failed: {init.Describe()}");
        }
        Snapshot = await SnapshotInfo.TakeAsync(Repo, Root, Tag, TimeSpan.FromMinutes(5));
    }

    /// <summary>Copies the repository into <paramref name="target"/> (a fresh directory) for a test to damage.</summary>
    internal void CopyRepository(string target)
    {
        foreach (var entry in TreeWalker.Walk(Repo))
        {
            string destination = Path.Combine(target, entry.RelativePath);
            if (entry.Kind == EntryKind.Directory)
            {
                Directory.CreateDirectory(destination);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(entry.FullPath, destination);
            }
        }
    }

    /// <summary>Deletes the tree and the repository.</summary>
    public Task DisposeAsync()
    {
        _work.Dispose();
        return Task.CompletedTask;
    }
}
