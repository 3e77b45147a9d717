using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lode.Acceptance.Tests.Harness;
using Lode.Metadata;

namespace Lode.Acceptance.Tests.Crash;

/// <summary>
/// The SIGKILL campaign: <c>lode snapshot</c> killed at random moments (delays from a seeded RNG; half of them a few
/// milliseconds after a container or manifest appeared, where the manifest and the catalog record are stored), again and again on the same repositories.
/// After every few kills: <c>lode check</c> passes, <c>lode snapshots</c> lists exactly the snapshots whose manifest
/// exists, each complete, the catalog agrees with the store path for path, a listing of the newest snapshot is
/// right, and a search of the oldest and the newest snapshot prints what a scan of the tree finds (with the index, or
/// by scanning a snapshot whose index the kill prevented); after each repository's round the next snapshot succeeds. <c>LODE_CRASH_KILLS</c> (default 200) and
/// <c>LODE_CRASH_SEED</c> set the campaign's size and seed.
/// </summary>
public sealed class SnapshotKillTests
{
    private const int KillsPerRepository = 25;
    private const int KillsPerCheck = 5;

    [Fact]
    public async Task A_snapshot_killed_at_any_moment_leaves_a_repository_that_checks_lists_whole_snapshots_and_snapshots_again()
    {
        int kills = Variable("LODE_CRASH_KILLS", 200);
        int seed = Variable("LODE_CRASH_SEED", 20_251_121);
        var random = new Random(seed);
        using var work = new TempDirectory();
        string tree = work.Combine("tree");
        CrashTree.Generate(tree, seed);
        var expected = CrashTree.Paths(tree);
        byte[] found = CrashTree.SearchOutput(tree, SearchedLiteral);
        TimeSpan full = await MeasureAsync(work.Combine("timing"), tree);
        // Every run's temporary files go here: what killed runs leave, the next snapshot sweeps.
        string temp = work.Combine("tmp");
        Directory.CreateDirectory(temp);

        int done = 0;
        for (int round = 0; done < kills; round++)
        {
            string repo = work.Combine($"repo{round}");
            string cache = repo + ".cache";
            for (int inRound = 0; inRound < KillsPerRepository && done < kills;)
            {
                // Half anywhere in the run; half a few milliseconds after an object was stored, where the manifest is
                // put and the catalog records the snapshot.
                Func<Process, Task> beforeKill = random.Next(2) == 0
                    ? _ => Task.Delay(full * random.NextDouble())
                    : WhenStored(repo, TimeSpan.FromMilliseconds(random.Next(0, 12)));
                if (!await KilledSnapshot.RunAsync(repo, cache, temp, tree, beforeKill))
                {
                    continue;
                }
                done++;
                inRound++;
                if (inRound % KillsPerCheck == 0)
                {
                    await VerifyAsync(repo, expected, found, $"seed {seed}, after kill {done}");
                }
            }
            LodeAssert.Succeeded(await LodeCli.RunAsync(repo, LodeCli.DefaultTimeout, new Dictionary<string, string?> { ["TMPDIR"] = temp }, "snapshot", tree));
            var left = Directory.GetDirectories(temp, "lode-*");
            Assert.True(left.Length == 0, $"seed {seed}, round {round}: the snapshot after the kills left or did not sweep [{string.Join(", ", left)}]");
            await VerifyAsync(repo, expected, found, $"seed {seed}, snapshot after round {round}");
        }
    }

    /// <summary>The repository is whole: check passes, the listed snapshots are exactly the stored manifests, the
    /// catalog holds exactly those with exactly the tree's paths, and the newest lists right.</summary>
    private static async Task VerifyAsync(string repo, SortedSet<string> expected, byte[] found, string when)
    {
        if (!File.Exists(Path.Combine(repo, "config")))
        {
            return; // every kill so far came before the repository existed
        }
        var check = await LodeCli.RunAsync(repo, "check");
        Assert.True(check.ExitCode == 0, $"{when}: check failed: {check.Describe()}");
        var listed = await LodeCli.RunAsync(repo, "snapshots", "--json");
        Assert.True(listed.ExitCode == 0, $"{when}: snapshots failed: {listed.Describe()}");
        using var json = JsonDocument.Parse(listed.Stdout);
        var ids = json.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        var manifests = Directory.Exists(Path.Combine(repo, "snapshots"))
            ? Directory.EnumerateFiles(Path.Combine(repo, "snapshots")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];
        Assert.True(ids.SequenceEqual(manifests), $"{when}: snapshots lists [{string.Join(' ', ids)}], the store holds [{string.Join(' ', manifests)}]");
        foreach (var snapshot in json.RootElement.EnumerateArray())
        {
            Assert.True(snapshot.GetProperty("files").GetInt64() == CrashTree.Files, $"{when}: snapshot {snapshot.GetProperty("id")} is partial");
        }
        CatalogAgrees(repo, ids, expected, when);
        if (ids.Count > 0)
        {
            var ls = await LodeCli.RunAsync(repo, "ls", "latest:d1");
            Assert.True(ls.ExitCode == 0, $"{when}: ls failed: {ls.Describe()}");
            Assert.Equal(CrashTree.Listing("d1"), Encoding.UTF8.GetString(ls.Stdout));
            foreach (string id in new[] { ids[0], ids[^1] }.Distinct())
            {
                var search = await LodeCli.RunAsync(repo, "search", SearchedLiteral, id);
                Assert.True(search.ExitCode == 0, $"{when}: search of {id} failed: {search.Describe()}");
                LodeAssert.SameOutput(found, search.Stdout, $"{when}: search of {id}");
            }
        }
    }

    /// <summary>A literal of the crash tree's lines (random numbers), found on a few hundred of them.</summary>
    private const string SearchedLiteral = "424";

    /// <summary>The catalog on disk holds a summary exactly for each stored snapshot, and for each whose paths are
    /// recorded, exactly the tree's paths.</summary>
    private static void CatalogAgrees(string repo, List<string> ids, SortedSet<string> expected, string when)
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(repo, "config")));
        string directory = Path.Combine(repo + ".cache", "catalogs", config.RootElement.GetProperty("id").GetString()!);
        // As lode opens it (no checkpoint at close), so checking leaves the log the next killed run starts from as it was.
        using var store = MetadataStore.Open(directory, new MetadataStoreOptions { CheckpointOnDispose = false });
        var summaries = store.Scan(ScanOptions.WithPrefix("snap/")).ToList();
        Assert.True(summaries.Select(s => s.KeyText["snap/".Length..]).SequenceEqual(ids), $"{when}: the catalog's snapshots differ from the store's");
        foreach (var summary in summaries)
        {
            string id = summary.KeyText["snap/".Length..];
            var paths = store.Scan(ScanOptions.WithPrefix($"tree/{id}/")).Select(e => e.KeyText[$"tree/{id}/".Length..]).ToList();
            // Flags byte 1: every path is recorded; 0: not yet (a first listing records them), though a crash may have
            // left some, each a path of the snapshot.
            var recorded = new SortedSet<string>(paths, StringComparer.Ordinal);
            Assert.True(summary.Value.Span[1] == 1 ? recorded.SetEquals(expected) : recorded.IsSubsetOf(expected),
                $"{when}: the catalog's paths of {id} (state {summary.Value.Span[1]}) differ from the tree's");
        }
        Assert.True(store.Scan(new ScanOptions { Prefix = "tree/"u8.ToArray(), Delimiter = (byte)'/' })
            .All(e => ids.Contains(e.KeyText["tree/".Length..^1])), $"{when}: the catalog holds paths of a snapshot the store does not have");
    }

    private static Func<Process, Task> WhenStored(string repo, TimeSpan after)
    {
        int before = KilledSnapshot.StoredObjects(repo);
        return async process =>
        {
            await KilledSnapshot.UntilStoredAsync(process, repo, before);
            await Task.Delay(after);
        };
    }

    private static async Task<TimeSpan> MeasureAsync(string repo, string tree)
    {
        var clock = Stopwatch.StartNew();
        LodeAssert.Succeeded(await LodeCli.RunAsync(repo, "snapshot", tree));
        return clock.Elapsed;
    }

    private static int Variable(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : fallback;
}
