using System.CommandLine;
using Lode.ObjectStorage;

namespace Lode.Cli.Commands;

internal static class CheckCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var readData = new Option<bool>("--read-data") { Description = "Also read every stored byte: block checksums, file hashes, the search index." };
        var command = new Command("check", """
            Check the repository: every snapshot's objects open and agree with each other; with --read-data, every
            block's CRC32C and SHA-256, every file's SHA-256 and every byte of every search index.
            Exit status: 0 no damage, 1 damage found (each on a line of stderr), 2 error.

            Examples:
              lode check
              lode check --read-data
            """)
        { readData };
        Action.Set(command, result =>
        {
            var mode = result.GetValue(readData) ? CacheMode.Eager : CacheMode.RangeOnly;
            using var repository = globals.Open(result, data: mode, index: mode, freshListing: true);
            var snapshots = repository.ListSnapshots();
            int damaged = 0;
            foreach (var manifest in snapshots)
            {
                try
                {
                    using var view = repository.OpenSnapshot(manifest);
                    ProgressDisplay.Run<bool>($"check {manifest.ShortId}", update =>
                    {
                        view.Check(result.GetValue(readData), new SyncProgress<long>(bytes => update(Terminal.Bytes(bytes))));
                        return true;
                    });
                }
                catch (LodeException e)
                {
                    damaged++;
                    Terminal.Error($"snapshot {manifest.ShortId}: {e.Message}");
                }
            }
            foreach (var (key, problem) in repository.DamagedManifests)
            {
                damaged++;
                Terminal.Error($"{problem} Its snapshot is left out of every listing; 'lode forget' will be able to drop it ({key}).");
            }
            string scope = result.GetValue(readData) ? "structure and data" : "structure";
            if (damaged > 0)
            {
                Console.WriteLine($"checked {scope} of {snapshots.Count} snapshots: {damaged} damaged");
                return ExitCodes.NotFound;
            }
            Console.WriteLine($"checked {scope} of {snapshots.Count} snapshots: no errors were found");
            return ExitCodes.Ok;
        });
        return command;
    }
}
