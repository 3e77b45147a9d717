using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Lode.Cli.Commands;

internal static class SnapshotCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var directory = new Argument<string>("DIR") { Description = "The directory to snapshot." };
        var tag = new Option<string?>("--tag") { Description = "A name to refer to the snapshot by (e.g. in 'lode ls TAG')." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var noIndex = new Option<bool>("--no-index")
        {
            Description = "Store the snapshot without a search index: searches scan it until 'lode index build' indexes it.",
        };
        var exclude = new Option<string[]>("--exclude", "-e")
        {
            Description = "Leave out entries matching this glob pattern (repeatable): '*.o' or 'node_modules' match a name at any depth, 'build/out' or '/build/out' a path from the root; '**' spans directories.",
        };
        var excludeFile = new Option<string[]>("--exclude-file")
        {
            Description = "Read exclude patterns from FILE (repeatable): one per line; blank lines and lines starting with '#' are ignored.",
        };
        var excludeCaches = new Option<bool>("--exclude-caches") { Description = "Leave out the contents of directories holding a CACHEDIR.TAG (the directory and the tag are kept)." };
        var excludeLargerThan = new Option<long?>("--exclude-larger-than")
        {
            Description = "Leave out files larger than SIZE, e.g. 100MiB.",
            CustomParser = ByteSize.OptionParser("--exclude-larger-than"),
        };
        var oneFileSystem = new Option<bool>("--one-file-system", "-x") { Description = "Do not descend into directories on other file systems (they are kept, empty)." };
        var command = new Command("snapshot", """
            Snapshot a directory: store its files compressed and deduplicated (durable and visible as soon as they are
            stored), then index its text for search. The repository and cache directories are never snapshotted.
            Exit status: 0 saved, 3 saved but some entries could not be read or changed while read (warnings on
            stderr), 2 error.

            Examples:
              lode snapshot /usr/include
              lode snapshot ~/src/linux --tag v6.9 --json
              lode snapshot /var/log --no-index        # index later with 'lode index build'
              lode snapshot ~ --exclude '*.o' --exclude node_modules --exclude-caches --one-file-system
            """)
        { directory, tag, json, noIndex, exclude, excludeFile, excludeCaches, excludeLargerThan, oneFileSystem };
        Action.Set(command, result =>
        {
            using var repository = Repository.OpenOrInit(globals.Location(result), globals.Options(result, freshListing: true));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var snapshot = ProgressDisplay.Run("snapshot", update => repository.CreateSnapshot(result.GetValue(directory)!, new SnapshotOptions
            {
                Tag = result.GetValue(tag),
                Exclude = [.. result.GetValue(exclude) ?? [], .. (result.GetValue(excludeFile) ?? []).SelectMany(ReadPatterns)],
                ExcludeCaches = result.GetValue(excludeCaches),
                ExcludeLargerThan = result.GetValue(excludeLargerThan),
                OneFileSystem = result.GetValue(oneFileSystem),
                Index = !result.GetValue(noIndex),
                Warning = Terminal.Warning,
                Progress = new SyncProgress<SnapshotProgress>(p => update(p.Phase == "reading"
                    ? $"{p.Files} files, {Terminal.Bytes(p.BytesRead)} read, {Terminal.Bytes((long)(p.BytesRead / Math.Max(clock.Elapsed.TotalSeconds, 1e-3)))}/s — {p.CurrentPath}"
                    : $"{p.Phase} ({Terminal.Bytes(p.BytesRead)} read)")),
            }));
            if (result.GetValue(json))
            {
                WriteJson(snapshot);
            }
            else
            {
                WriteText(snapshot);
            }
            return snapshot.Warnings > 0 ? ExitCodes.Incomplete : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The patterns of an exclude file: one per line, blank lines and '#' comments ignored.</summary>
    private static IEnumerable<string> ReadPatterns(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    private static void WriteText(SnapshotResult s)
    {
        var m = s.Manifest;
        double seconds = s.Elapsed.TotalSeconds;
        Console.WriteLine($"Files:   {m.Files} ({m.UnchangedFiles} unchanged, not read; {m.Directories} directories, {m.Symlinks} symlinks)");
        Console.WriteLine($"Read:    {Terminal.Bytes(s.BytesRead)} ({Terminal.Bytes((long)(s.BytesRead / Math.Max(seconds, 1e-3)))}/s)");
        Console.WriteLine($"Stored:  {Terminal.Bytes(s.BytesStored)} new (search index {Terminal.Bytes(s.IndexBytes)}: {s.IndexShards} shards, {s.CarriedIndexShards} carried over, {Terminal.Bytes(s.IndexedTextBytes)} of text indexed)");
        Console.WriteLine($"Time:    {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s (data stored after {s.DurableElapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s)");
        Console.WriteLine($"snapshot {m.ShortId} saved{(m.Tag is null ? "" : $" as '{m.Tag}'")}");
    }

    private static void WriteJson(SnapshotResult s)
    {
        var m = s.Manifest;
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            writer.WriteString("id", m.Id);
            writer.WriteString("shortId", m.ShortId);
            writer.WriteString("time", m.Time);
            writer.WriteString("source", m.Source);
            writer.WriteString("tag", m.Tag);
            writer.WriteNumber("files", m.Files);
            writer.WriteNumber("directories", m.Directories);
            writer.WriteNumber("symlinks", m.Symlinks);
            writer.WriteNumber("bytesRead", s.BytesRead);
            writer.WriteNumber("bytesStored", s.BytesStored);
            writer.WriteNumber("unchangedFiles", m.UnchangedFiles);
            writer.WriteNumber("indexBytes", s.IndexBytes);
            writer.WriteNumber("indexedTextBytes", s.IndexedTextBytes);
            writer.WriteNumber("indexShards", s.IndexShards);
            writer.WriteNumber("carriedIndexShards", s.CarriedIndexShards);
            writer.WriteNumber("warnings", s.Warnings);
            writer.WriteNumber("dataSeconds", Math.Round(s.DurableElapsed.TotalSeconds, 3));
            writer.WriteNumber("seconds", Math.Round(s.Elapsed.TotalSeconds, 3));
            writer.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }
}
