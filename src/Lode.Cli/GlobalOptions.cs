using System.CommandLine;

namespace Lode.Cli;

/// <summary>Options every command takes, and the repository they select.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Repo { get; } = new("--repo")
    {
        Description = "The repository: a directory (default: $LODE_REPO, else ~/.local/share/lode).",
        Recursive = true,
    };

    /// <summary>The repository's location from --repo, else LODE_REPO, else the default.</summary>
    public string Location(ParseResult result)
    {
        string? location = result.GetValue(Repo);
        if (string.IsNullOrEmpty(location))
        {
            location = Environment.GetEnvironmentVariable("LODE_REPO");
        }
        return string.IsNullOrEmpty(location) ? Repository.DefaultLocation : location;
    }

    /// <summary>Opens the selected repository.</summary>
    public Repository Open(ParseResult result) => Repository.Open(Location(result));
}
