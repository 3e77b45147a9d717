using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Lode.Cli.Commands;

/// <summary><c>lode cache stats</c> and <c>lode cache clear</c>: the disk cache that remote repositories are read through.</summary>
internal static class CacheCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("cache", """
            Inspect or empty the disk cache that remote (s3://) repositories are read through. The cache holds whole
            objects (snapshot containers and search indexes) up to --cache-size; deleting it only makes the next reads
            cold. Several lode processes may share one cache directory.

            Examples:
              lode cache stats
              lode cache stats --json --cache-dir /var/cache/lode
              lode cache clear
            """);
        command.Subcommands.Add(Stats(globals));
        command.Subcommands.Add(Clear(globals));
        return command;
    }

    private static Command Stats(GlobalOptions globals)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object: directory, entries, bytes, budgetBytes." };
        var command = new Command("stats", """
            Show the cache directory, how many objects it holds, and their size against the budget (--cache-size).
            Nothing is evicted; what a crashed writer left behind is removed.

            Examples:
              lode cache stats
              lode cache stats --json | jq .bytes
            """)
        { json };
        Action.Set(command, result =>
        {
            var settings = globals.Cache(result);
            // Opened without a budget: looking must not evict what a larger --cache-size of another run kept.
            using var cache = (settings with { BudgetBytes = long.MaxValue }).Open();
            var stats = cache.Stats with { BudgetBytes = settings.BudgetBytes };
            if (result.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var writer = new Utf8JsonWriter(stdout))
                {
                    writer.WriteStartObject();
                    writer.WriteString("directory", cache.Directory);
                    writer.WriteNumber("entries", stats.Entries);
                    writer.WriteNumber("bytes", stats.Bytes);
                    writer.WriteNumber("budgetBytes", stats.BudgetBytes);
                    writer.WriteEndObject();
                }
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                double used = stats.BudgetBytes == 0 ? 0 : 100.0 * stats.Bytes / stats.BudgetBytes;
                Console.WriteLine($"Directory: {cache.Directory}");
                Console.WriteLine($"Entries:   {stats.Entries}");
                Console.WriteLine($"Size:      {Terminal.Bytes(stats.Bytes)} of {Terminal.Bytes(stats.BudgetBytes)} ({used.ToString("0.0", CultureInfo.InvariantCulture)}%)");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Clear(GlobalOptions globals)
    {
        var command = new Command("clear", """
            Remove every cached object and the remote repositories' saved listings, so that the next command on each
            lists it again. Processes reading a cached object keep reading it until they close it.

            Example:
              lode cache clear
            """);
        Action.Set(command, result =>
        {
            var settings = globals.Cache(result);
            using var cache = settings.Open();
            var before = cache.Stats;
            cache.Clear();
            settings.ForgetListings();
            Console.WriteLine($"removed {before.Entries} cached objects ({Terminal.Bytes(before.Bytes)}) from {cache.Directory}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
