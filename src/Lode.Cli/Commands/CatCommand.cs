using System.CommandLine;

namespace Lode.Cli.Commands;

internal static class CatCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<string>("SNAP:PATH") { Description = "A snapshot and the path of a file in it." };
        var offset = new Option<long?>("--offset")
        {
            Description = "Start at this byte of the file (default 0).",
            CustomParser = WholeNumber.Parser("--offset", 0L, long.MaxValue, "a byte offset, 0 or more"),
        };
        var length = new Option<long?>("--length")
        {
            Description = "Write at most this many bytes (default: to the end).",
            CustomParser = WholeNumber.Parser("--length", 0L, long.MaxValue, "a number of bytes, 0 or more"),
        };
        var command = new Command("cat", """
            Write a file of a snapshot to stdout, byte for byte.

            Examples:
              lode cat latest:/stdio.h
              lode cat headers:linux/types.h --offset 4096 --length 512
            """)
        { target, offset, length };
        Action.Set(command, result =>
        {
            var reference = SnapshotReference.Parse(result.GetValue(target)!);
            using var repository = globals.Open(result);
            using var view = repository.OpenSnapshot(reference.Snapshot);
            var entry = view.GetEntry(reference.Path);
            using var stdout = Terminal.OpenStdout();
            view.CopyFile(entry, result.GetValue(offset) ?? 0, result.GetValue(length) ?? long.MaxValue, stdout);
            return ExitCodes.Ok;
        });
        return command;
    }
}
