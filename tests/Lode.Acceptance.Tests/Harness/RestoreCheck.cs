using Lode.Acceptance.Tests.Corpus;

namespace Lode.Acceptance.Tests.Harness;

/// <summary>Restores a snapshot into a fresh directory and compares it with the tree it was taken from.</summary>
internal static class RestoreCheck
{
    public static async Task AssertRestoresExactlyAsync(string repo, string snapshot, string sourceRoot)
    {
        using var work = new TempDirectory();
        string target = work.Combine("restored");

        var result = await LodeCli.RunAsync(repo, TimeSpan.FromMinutes(5), "restore", snapshot, target);

        LodeAssert.Succeeded(result);
        var differences = TreeComparer.Differences(sourceRoot, target);
        Assert.True(differences.Count == 0, $"the restore of {sourceRoot} differs:\n" + string.Join('\n', differences.Take(30)));
    }
}
