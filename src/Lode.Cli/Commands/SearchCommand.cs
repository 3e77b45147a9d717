using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace Lode.Cli.Commands;

internal static class SearchCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var text = new Argument<string>("TEXT") { Description = "The literal text to find (bytes, no regex; case-sensitive)." };
        var snapshot = new Argument<string>("SNAP") { Description = "The snapshot to search (default: latest).", DefaultValueFactory = _ => "latest" };
        var maxCount = new Option<long?>("--max-count", "-m") { Description = "At most this many matching lines per file." };
        var json = new Option<bool>("--json") { Description = "Print JSON Lines: one {path, line, text} object per match." };
        maxCount.Validators.Add(r => { if (r.GetValueOrDefault<long?>() < 0) { r.AddError("--max-count cannot be negative."); } });
        var command = new Command("search", """
            Print every line of every indexed text file that contains TEXT, as PATH:LINE:CONTENT, sorted by path
            then line: the output of 'rg -F -n --no-heading -uu --sort path -- TEXT' run in the snapshotted
            directory. Files containing a NUL byte are binary and not indexed.
            Exit status: 0 something matched, 1 nothing matched, 2 error.

            Examples:
              lode search EXIT_SUCCESS
              lode search 'struct stat' headers --max-count 1
              lode search '#define __' --json | jq -r .path
            """)
        { text, snapshot, maxCount, json };
        Action.Set(command, result =>
        {
            byte[] pattern = Encoding.UTF8.GetBytes(result.GetValue(text)!);
            using var repository = globals.Open(result);
            using var view = repository.OpenSnapshot(result.GetValue(snapshot)!);
            using var stdout = Terminal.OpenStdout();
            long limit = result.GetValue(maxCount) ?? long.MaxValue;
            long matches = result.GetValue(json) ? SearchJson(view, pattern, limit, stdout) : SearchText(view, pattern, limit, stdout);
            return matches > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        });
        return command;
    }

    private static long SearchText(SnapshotView view, byte[] pattern, long limit, Stream stdout)
    {
        byte[] number = new byte[24];
        string? lastPath = null;
        byte[] pathBytes = [];
        return view.Search(pattern, limit, (path, line, content) =>
        {
            if (!ReferenceEquals(path, lastPath))
            {
                lastPath = path;
                pathBytes = Encoding.UTF8.GetBytes(path);
            }
            stdout.Write(pathBytes);
            stdout.WriteByte((byte)':');
            line.TryFormat(number, out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
            stdout.Write(number, 0, written);
            stdout.WriteByte((byte)':');
            stdout.Write(content);
            stdout.WriteByte((byte)'\n');
        });
    }

    private static long SearchJson(SnapshotView view, byte[] pattern, long limit, Stream stdout)
    {
        using var writer = new Utf8JsonWriter(stdout);
        return view.Search(pattern, limit, (path, line, content) =>
        {
            writer.WriteStartObject();
            writer.WriteString("path", path);
            writer.WriteNumber("line", line);
            writer.WriteString("text", Encoding.UTF8.GetString(content));
            writer.WriteEndObject();
            writer.Flush();
            stdout.WriteByte((byte)'\n');
            writer.Reset();
        });
    }
}
