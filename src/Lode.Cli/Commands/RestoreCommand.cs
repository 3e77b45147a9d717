using System.CommandLine;
using Lode.ObjectStorage;

namespace Lode.Cli.Commands;

internal static class RestoreCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var snapshot = new Argument<string>("SNAP") { Description = "The snapshot to restore (id, id prefix, tag or 'latest')." };
        var target = new Argument<string>("TARGET") { Description = "The directory to restore into (created if missing)." };
        var command = new Command("restore", """
            Restore a snapshot into a directory: files, directories, symlinks (as links), modes and times.
            Each file is checked against its SHA-256 before it is put in place.

            Example:
              lode restore latest /tmp/include-copy
            """)
        { snapshot, target };
        Action.Set(command, result =>
        {
            // Restore reads the whole container: fetch it with parallel range GETs first, then read locally.
            using var repository = globals.Open(result, data: CacheMode.Eager, index: CacheMode.RangeOnly);
            using var view = repository.OpenSnapshot(result.GetValue(snapshot)!);
            string destination = result.GetValue(target)!;
            var (files, bytes) = ProgressDisplay.Run("restore", update =>
                view.Restore(destination, new SyncProgress<(long Files, long Bytes)>(p => update($"{p.Files} files, {Terminal.Bytes(p.Bytes)}"))));
            Console.WriteLine($"restored {files} files ({Terminal.Bytes(bytes)}) of snapshot {view.Manifest.ShortId} to {Path.GetFullPath(destination)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
