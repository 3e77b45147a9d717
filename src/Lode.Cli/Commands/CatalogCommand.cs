using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lode.ObjectStorage;

namespace Lode.Cli.Commands;

/// <summary><c>lode catalog rebuild</c>: recreates the repository's catalog from its objects.</summary>
internal static class CatalogCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("catalog", """
            Manage the catalog: the local record of every snapshot and every path of every snapshot that 'lode ls'
            and 'lode snapshots' read. It lives beside the disk cache (--cache-dir, default ~/.cache/lode) under
            catalogs/<repository id>/; it is derived data, kept in line with the repository by every command and
            rebuilt by itself when missing or damaged. Encrypted repositories keep it in memory only.

            Example:
              lode catalog rebuild
            """);
        command.Subcommands.Add(Rebuild(globals));
        return command;
    }

    private static Command Rebuild(GlobalOptions globals)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: directory, snapshots, paths, seconds." };
        var command = new Command("rebuild", """
            Recreate the catalog from the repository's objects: every snapshot's manifest and file table. Progress
            goes to stderr when it is a terminal. Fails when another lode command has the catalog open.

            Examples:
              lode catalog rebuild
              lode --repo s3://backups/lode catalog rebuild --json | jq .paths
            """)
        { json };
        Action.Set(command, result =>
        {
            using var repository = globals.Open(result, data: CacheMode.RangeOnly, index: CacheMode.RangeOnly, freshListing: true);
            var rebuilt = ProgressDisplay.Run("catalog rebuild", update => repository.RebuildCatalog(
                new SyncProgress<CatalogProgress>(p => update($"{p.Snapshots} of {p.TotalSnapshots} snapshots, {p.Paths} paths"))));
            if (result.GetValue(json))
            {
                WriteJson(rebuilt);
            }
            else if (rebuilt.Directory is null)
            {
                Console.WriteLine("the repository is encrypted: its catalog lives in memory only, nothing to rebuild");
            }
            else
            {
                string seconds = rebuilt.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
                Console.WriteLine($"catalog rebuilt: {rebuilt.Snapshots} snapshots, {rebuilt.Paths} paths in {rebuilt.Directory} ({seconds} s)");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(CatalogRebuildResult rebuilt)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            writer.WriteString("directory", rebuilt.Directory);
            writer.WriteBoolean("persistent", rebuilt.IsPersistent);
            writer.WriteNumber("snapshots", rebuilt.Snapshots);
            writer.WriteNumber("paths", rebuilt.Paths);
            writer.WriteNumber("seconds", Math.Round(rebuilt.Elapsed.TotalSeconds, 3));
            writer.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }
}
