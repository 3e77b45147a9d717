using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Lode.Cli.Commands;

internal static class SnapshotsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("snapshots", """
            List the repository's snapshots, oldest first, from the catalog (one listing of the repository, no
            manifest read for snapshots the catalog already holds).

            Examples:
              lode snapshots
              lode snapshots --json | jq -r '.[].id'
            """)
        { json };
        Action.Set(command, result =>
        {
            using var repository = globals.Open(result);
            using var catalog = repository.OpenCatalog();
            var snapshots = catalog.ListSnapshots();
            if (result.GetValue(json))
            {
                WriteJson(snapshots);
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{"ID",-8}  {"Time",-19}  {"Tag",-12}  {"Files",8}  {"Size",10}  Source");
            foreach (var s in snapshots)
            {
                string time = s.Time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                Console.WriteLine($"{s.ShortId,-8}  {time,-19}  {s.Tag ?? "",-12}  {s.Files,8}  {Terminal.Bytes(s.Size),10}  {s.Source}");
            }
            Console.WriteLine($"{snapshots.Count} snapshot{(snapshots.Count == 1 ? "" : "s")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(IReadOnlyList<SnapshotManifest> snapshots)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var s in snapshots)
            {
                writer.WriteStartObject();
                writer.WriteString("id", s.Id);
                writer.WriteString("shortId", s.ShortId);
                writer.WriteString("time", s.Time);
                writer.WriteString("source", s.Source);
                writer.WriteString("host", s.Host);
                writer.WriteString("tag", s.Tag);
                writer.WriteNumber("files", s.Files);
                writer.WriteNumber("directories", s.Directories);
                writer.WriteNumber("symlinks", s.Symlinks);
                writer.WriteNumber("size", s.Size);
                writer.WriteNumber("bytesStored", s.DataLength + (s.IndexKey is null ? 0 : s.IndexLength));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        stdout.WriteByte((byte)'\n');
    }
}
