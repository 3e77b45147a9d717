using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Lode.Cli.Commands;

internal static class IndexCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("index", "Manage snapshots' search indexes.");
        command.Subcommands.Add(CreateBuild(globals));
        return command;
    }

    private static Command CreateBuild(GlobalOptions globals)
    {
        var snapshot = new Argument<string>("SNAP") { Description = "The snapshot to index (id, id prefix, tag or 'latest').", DefaultValueFactory = _ => "latest" };
        var memory = new Option<long?>("--memory")
        {
            Description = "The most memory suffix array construction may use besides the text, e.g. 256MiB (at least 1MiB; default: no limit). Shards that do not fit are built in external memory, on temporary files.",
            CustomParser = ByteSize.OptionParser("--memory"),
        };
        memory.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() < 1 << 20)
            {
                r.AddError("--memory must be at least 1MiB.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("build", """
            Build a snapshot's search index from its stored files (nothing is read from the original directory) and
            store it next to the snapshot; searches of the snapshot use it from then on (until then they scan it).
            Use it for a snapshot taken with --no-index or interrupted before its index was stored, to bring an
            index of an older format up to date, or to build on a machine with little memory.
            Exit status: 0 built, 2 error.

            Examples:
              lode index build latest
              lode index build 4d0204fb --memory 256MiB --json
            """)
        { snapshot, memory, json };
        Action.Set(command, result =>
        {
            using var repository = globals.Open(result, freshListing: true);
            var manifest = repository.ResolveSnapshot(result.GetValue(snapshot)!);
            var built = ProgressDisplay.Run("index", update => repository.BuildIndex(manifest, new IndexBuildOptions
            {
                MemoryBudget = result.GetValue(memory),
                Progress = new SyncProgress<SnapshotProgress>(p => update(p.Phase == "reading"
                    ? $"{p.Files} files, {Terminal.Bytes(p.BytesRead)} read — {p.CurrentPath}"
                    : p.Phase)),
            }));
            if (result.GetValue(json))
            {
                WriteJson(manifest, built);
            }
            else
            {
                Console.WriteLine($"Index:   {Terminal.Bytes(built.IndexBytes)} ({built.Shards} shards, {Terminal.Bytes(built.TextBytes)} of text indexed), {Terminal.Bytes(built.BytesStored)} stored");
                Console.WriteLine($"Time:    {built.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
                Console.WriteLine($"index of snapshot {manifest.ShortId} rebuilt");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(SnapshotManifest manifest, IndexBuildResult built)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            writer.WriteString("snapshot", manifest.Id);
            writer.WriteString("key", built.Key);
            writer.WriteNumber("indexBytes", built.IndexBytes);
            writer.WriteNumber("textBytes", built.TextBytes);
            writer.WriteNumber("shards", built.Shards);
            writer.WriteNumber("bytesStored", built.BytesStored);
            writer.WriteNumber("seconds", Math.Round(built.Elapsed.TotalSeconds, 3));
            writer.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }
}
