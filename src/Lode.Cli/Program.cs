using System.CommandLine;
using Lode.Cli;

return Cli.Run(args);
