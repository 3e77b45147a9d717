using System.CommandLine;
using System.Text.Json;

namespace Lode.Cli.Commands;

internal static class DiffCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var older = new Argument<string>("SNAP1") { Description = "The older snapshot (id, id prefix, tag or 'latest')." };
        var newer = new Argument<string>("SNAP2") { Description = "The newer snapshot." };
        var json = new Option<bool>("--json") { Description = "Print JSON Lines: one change object per path, then one statistics object." };
        var command = new Command("diff", """
            Show the paths added (+), removed (-) and changed (M) between two snapshots, in path order, then a
            summary. Changes are found from the recorded hashes of file contents: nothing is read or downloaded
            but the two file tables. A change of modification time alone is not shown.

            Examples:
              lode diff 1a2b3c4d latest
              lode diff monday tuesday --json | jq -r 'select(.message_type == "change") | .path'
            """)
        { older, newer, json };
        Action.Set(command, result =>
        {
            // Only the two file tables are read: never fill the containers of a remote repository.
            using var repository = globals.Open(result, data: Lode.ObjectStorage.CacheMode.RangeOnly);
            using var before = repository.OpenSnapshot(result.GetValue(older)!);
            using var after = repository.OpenSnapshot(result.GetValue(newer)!);
            var changes = SnapshotDiff.Compare(before.Files, after.Files);
            if (result.GetValue(json))
            {
                WriteJson(changes);
            }
            else
            {
                WriteText(changes);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(IEnumerable<DiffEntry> changes)
    {
        var summary = new DiffSummary();
        using var output = new StreamWriter(Terminal.OpenStdout()) { NewLine = "\n" };
        foreach (var change in changes)
        {
            summary.Add(change);
            output.WriteLine($"{change.Prefix}    {DisplayPath(change.Current)}");
        }
        output.WriteLine();
        output.WriteLine($"Files:  {summary.FilesAdded} new, {summary.FilesRemoved} removed, {summary.FilesChanged} changed");
        output.WriteLine($"Dirs:   {summary.DirsAdded} new, {summary.DirsRemoved} removed");
        output.WriteLine($"Others: {summary.OthersAdded} new, {summary.OthersRemoved} removed, {summary.OthersChanged} changed");
        output.WriteLine($"Added:   {summary.BytesAdded} bytes");
        output.WriteLine($"Removed: {summary.BytesRemoved} bytes");
    }

    private static void WriteJson(IEnumerable<DiffEntry> changes)
    {
        var summary = new DiffSummary();
        using var stdout = Terminal.OpenStdout();
        foreach (var change in changes)
        {
            summary.Add(change);
            using (var writer = new Utf8JsonWriter(stdout))
            {
                writer.WriteStartObject();
                writer.WriteString("message_type", "change");
                writer.WriteString("path", "/" + change.Path);
                writer.WriteString("modifier", change.Prefix.ToString());
                writer.WriteString("type", TypeName(change.Current.Kind));
                if (change.Old is { Kind: FileKind.File } old)
                {
                    writer.WriteNumber("old_size", old.Size);
                }
                if (change.New is { Kind: FileKind.File } now)
                {
                    writer.WriteNumber("new_size", now.Size);
                }
                writer.WriteEndObject();
            }
            stdout.WriteByte((byte)'\n');
        }
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            writer.WriteString("message_type", "statistics");
            writer.WriteNumber("files_added", summary.FilesAdded);
            writer.WriteNumber("files_removed", summary.FilesRemoved);
            writer.WriteNumber("files_changed", summary.FilesChanged);
            writer.WriteNumber("dirs_added", summary.DirsAdded);
            writer.WriteNumber("dirs_removed", summary.DirsRemoved);
            writer.WriteNumber("others_added", summary.OthersAdded);
            writer.WriteNumber("others_removed", summary.OthersRemoved);
            writer.WriteNumber("others_changed", summary.OthersChanged);
            writer.WriteNumber("bytes_added", summary.BytesAdded);
            writer.WriteNumber("bytes_removed", summary.BytesRemoved);
            writer.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }

    private static string DisplayPath(FileEntry entry) => "/" + entry.Path + (entry.Kind == FileKind.Directory && entry.Path.Length > 0 ? "/" : "");

    private static string TypeName(FileKind kind) => kind switch { FileKind.Directory => "dir", FileKind.Symlink => "symlink", _ => "file" };
}
