using System.CommandLine;

namespace Lode.Cli.Commands;

internal static class InitCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var compression = new Option<string>("--compression") { Description = CompressionSetting.Help, DefaultValueFactory = _ => "zstd" };
        compression.Validators.Add(r =>
        {
            if (CompressionSetting.Parse(r.GetValueOrDefault<string>() ?? "", out string? error) is null)
            {
                r.AddError(error!);
            }
        });
        var encrypt = new Option<bool>("--encrypt") { Description = "Encrypt everything (contents, names, the search index) under a password: from --password-file, $LODE_PASSWORD, or asked twice on the terminal." };
        var command = new Command("init", """
            Create a repository (snapshot creates one on first use too, with the defaults). The compression is
            chosen once per repository and recorded in every snapshot.

            Examples:
              lode --repo /backup/lode init
              lode --repo /backup/fast init --compression lz4
              lode --repo /backup/small init --compression zstd:19
              LODE_PASSWORD=... lode --repo /backup/secret init --encrypt
            """)
        { compression, encrypt };
        Action.Set(command, result =>
        {
            string location = globals.Location(result);
            var (codec, level) = CompressionSetting.Parse(result.GetValue(compression)!, out _)!.Value;
            var settings = new RepositoryConfig { Id = "", Created = default, Compression = codec, CompressionLevel = level };
            bool encrypted = result.GetValue(encrypt);
            var options = globals.Options(result);
            if (encrypted)
            {
                options = options with { Password = globals.PasswordSource(result, confirm: true) };
            }
            using var repository = Repository.Init(location, options, settings, encrypted);
            Console.WriteLine($"created Lode repository {repository.Config.Id[..8]} at {RepositoryLocation.Parse(location)} (compression {Describe(repository.Config)}{(encrypted ? ", encrypted" : "")})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(RepositoryConfig config) =>
        config.Compression == Lode.IO.CompressionCodec.Zstd ? $"zstd:{config.CompressionLevel}" : config.Compression.ToString().ToLowerInvariant();
}
