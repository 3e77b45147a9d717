using System.CommandLine;

namespace Lode.Cli.Commands;

internal static class InitCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("init", """
            Create a repository (snapshot creates one on first use too).

            Example:
              lode --repo /backup/lode init
            """);
        Action.Set(command, result =>
        {
            string location = globals.Location(result);
            using var repository = Repository.Init(location, globals.Options(result));
            Console.WriteLine($"created Lode repository {repository.Config.Id[..8]} at {RepositoryLocation.Parse(location)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
