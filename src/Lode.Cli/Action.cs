using System.CommandLine;
using Lode.ObjectStorage;

namespace Lode.Cli;

/// <summary>Runs a command's body and turns every failure into one line on stderr and an exit code.</summary>
internal static class Action
{
    public static void Set(Command command, Func<ParseResult, int> body) => command.SetAction(result => Run(result, body));

    private static int Run(ParseResult result, Func<ParseResult, int> body)
    {
        try
        {
            return body(result);
        }
        catch (Exception caught)
        {
            var e = Unwrap(caught);
            Terminal.Error(IsReportable(e)
                ? e.Message
                : $"internal error ({e.GetType().Name}): {e.Message}. Please report it; LODE_DEBUG=1 shows details.");
            if (Environment.GetEnvironmentVariable("LODE_DEBUG") == "1")
            {
                Console.Error.WriteLine(caught);
            }
            return ExitCodes.Error;
        }
    }

    /// <summary>The failure worth reporting: a store or engine error that a read-ahead thread or a task wrapped.</summary>
    private static Exception Unwrap(Exception e) => e switch
    {
        IOException { InnerException: ObjectStoreException or LodeException } => Unwrap(e.InnerException!),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => e,
    };

    private static bool IsReportable(Exception e) =>
        e is LodeException or ObjectStoreException or IOException or UnauthorizedAccessException;
}
