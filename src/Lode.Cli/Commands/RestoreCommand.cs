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
            Restore a snapshot into a directory: files (with holes for zero pages), directories, symlinks (as
            links), modes, times, and owners when run as root (as tar does). Setuid and setgid bits are kept only
            where the owner is the recorded one. Each file is checked against its SHA-256 before it is put in place.
            An entry that cannot be restored is named in a warning and the restore goes on.
            Exit status: 0 restored, 3 restored but some entries could not be (warnings on stderr), 2 error.

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
            var restored = ProgressDisplay.Run("restore", update => view.Restore(destination, new RestoreOptions
            {
                Progress = new SyncProgress<(long Files, long Bytes)>(p => update($"{p.Files} files, {Terminal.Bytes(p.Bytes)}")),
                Warning = Terminal.Warning,
            }));
            Console.WriteLine($"restored {restored.Files} files ({Terminal.Bytes(restored.Bytes)}) of snapshot {view.Manifest.ShortId} to {Path.GetFullPath(destination)}");
            if (restored.Errors == 0)
            {
                return ExitCodes.Ok;
            }
            Terminal.Error($"{restored.Errors} entries could not be restored (named above)");
            return ExitCodes.Incomplete;
        });
        return command;
    }
}
