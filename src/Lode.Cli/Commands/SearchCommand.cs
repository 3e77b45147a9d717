using System.CommandLine;
using System.Text;

namespace Lode.Cli.Commands;

/// <summary>What <c>lode search</c> prints for each matching file: its lines, its count of lines, or its path.</summary>
internal enum SearchOutput
{
    /// <summary><c>path:line:content</c> per matching line (ripgrep's default with <c>-n --no-heading</c>).</summary>
    Lines,

    /// <summary><c>path:count</c> per matching file (ripgrep's <c>--count</c>).</summary>
    Count,

    /// <summary><c>path</c> per matching file (ripgrep's <c>--files-with-matches</c>).</summary>
    FilesWithMatches,
}

internal static partial class SearchCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var text = new Argument<string>("TEXT") { Description = "The literal text to find (bytes, no regex; case-sensitive)." };
        var snapshot = new Argument<string>("SNAP") { Description = "The snapshot to search (default: latest).", DefaultValueFactory = _ => "latest" };
        var maxCount = new Option<long?>("--max-count", "-m")
        {
            Description = "At most this many matching lines per file.",
            CustomParser = WholeNumber.Parser("--max-count", 0L, long.MaxValue, "a number of lines, 0 or more"),
        };
        var count = new Option<bool>("--count", "-c") { Description = "Print PATH:COUNT per matching file: the number of matching lines (at most --max-count)." };
        var files = new Option<bool>("--files-with-matches", "-l") { Description = "Print the path of each matching file once." };
        var json = new Option<bool>("--json") { Description = "Print JSON Lines: one {path, line, text} object per match; with --count {path, count}, with -l {path}; with --all {snapshots, path, line, text}." };
        var all = new Option<bool>("--all", "-a")
        {
            Description = "Search every snapshot at once: each distinct line (same path, line number and text) once, as IDS:PATH:LINE:CONTENT, where IDS are the short ids of the snapshots holding it, comma-separated, oldest first.",
        };
        var command = new Command("search", """
            Print every line of every indexed text file that contains TEXT, as PATH:LINE:CONTENT, sorted by path
            then line: the output of 'rg -F -n --no-heading -uu --sort path -- TEXT' run in the snapshotted
            directory. Files containing a NUL byte are binary and not indexed. TEXT cannot contain a newline;
            an empty TEXT matches every line.
            --count prints PATH:COUNT for each matching file (the number of matching lines, not of matches) and
            --files-with-matches prints each matching file's PATH, as rg's -c and -l do; given both, --count wins,
            as in rg.
            Exit status: 0 something matched, 1 nothing matched, 2 error.

            Examples:
              lode search EXIT_SUCCESS
              lode search 'struct stat' headers --max-count 1
              lode search '#define __' --json | jq -r .path
              lode search -c 'pthread_t'            # PATH:COUNT per matching file
              lode search -l 'Copyright (C) 1991'  # one PATH per matching file
              lode search -c --json EXIT_FAILURE   # {"path":...,"count":...} per matching file
              lode search --all spin_lock_irqsave  # every snapshot: 3f2a1b9c,8d7e6f5a:kernel/fork.c:123:...
            """)
        { text, snapshot, maxCount, count, files, json, all };
        Action.Set(command, result =>
        {
            byte[] pattern = Encoding.UTF8.GetBytes(result.GetValue(text)!);
            var output = ChooseOutput(result.GetValue(count), result.GetValue(files));
            long limit = result.GetValue(maxCount) ?? long.MaxValue;
            using var repository = globals.Open(result);
            if (result.GetValue(all))
            {
                if (output != SearchOutput.Lines || result.GetResult(snapshot) is { Implicit: false })
                {
                    throw new LodeException("--all searches every snapshot and prints lines: give no SNAP, --count or --files-with-matches with it.");
                }
                using var allOut = Terminal.OpenStdout();
                return PrintAll(repository, pattern, limit, result.GetValue(json), allOut) > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
            }
            using var view = repository.OpenSnapshot(result.GetValue(snapshot)!);
            using var stdout = Terminal.OpenStdout();
            long matches = Print(view, pattern, limit, output, result.GetValue(json), stdout);
            return matches > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
        });
        return command;
    }

    /// <summary>The output mode for the flags given: <c>--count</c> wins over <c>--files-with-matches</c>, as in rg 13.</summary>
    internal static SearchOutput ChooseOutput(bool count, bool filesWithMatches) =>
        count ? SearchOutput.Count : filesWithMatches ? SearchOutput.FilesWithMatches : SearchOutput.Lines;
}
