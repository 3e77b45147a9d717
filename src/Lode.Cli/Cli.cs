using System.CommandLine;
using Lode.Cli.Commands;

namespace Lode.Cli;

/// <summary>The <c>lode</c> command line: parsing, dispatch, and the mapping of failures to exit codes.</summary>
internal static class Cli
{
    public static int Run(string[] args) => Run(args, Environment.GetEnvironmentVariable);

    /// <summary>Runs with <paramref name="environment"/> as the environment's variables (tests pass their own).</summary>
    internal static int Run(string[] args, Func<string, string?> environment)
    {
        var globals = new GlobalOptions(environment);
        var root = new RootCommand("""
            Lode: searchable, deduplicated, seekable snapshots of directory trees.

            Examples:
              lode snapshot /usr/include --tag headers
              lode search 'EXIT_SUCCESS'
              lode ls latest:/linux
              lode cat latest:/stdio.h --offset 100 --length 50
              lode restore latest /tmp/restored
              lode diff 1a2b3c4d latest
              lode --repo s3://my-bucket/lode snapshot ~/src --tag src
              lode cache stats
              lode catalog rebuild
            """);
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }
        root.Subcommands.Add(InitCommand.Create(globals));
        root.Subcommands.Add(SnapshotCommand.Create(globals));
        root.Subcommands.Add(SnapshotsCommand.Create(globals));
        root.Subcommands.Add(LsCommand.Create(globals));
        root.Subcommands.Add(CatCommand.Create(globals));
        root.Subcommands.Add(RestoreCommand.Create(globals));
        root.Subcommands.Add(SearchCommand.Create(globals));
        root.Subcommands.Add(CheckCommand.Create(globals));
        root.Subcommands.Add(DiffCommand.Create(globals));
        root.Subcommands.Add(IndexCommand.Create(globals));
        root.Subcommands.Add(CacheCommand.Create(globals));
        root.Subcommands.Add(CatalogCommand.Create(globals));
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Terminal.Error(error.Message);
            }
            Console.Error.WriteLine("Run 'lode --help' for usage.");
            return ExitCodes.Error;
        }
        return result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
