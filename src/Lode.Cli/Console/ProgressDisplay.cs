using Spectre.Console;

namespace Lode.Cli;

/// <summary>
/// A one-line live progress display on stderr (Spectre.Console), shown only when stderr is a terminal; on a
/// pipe or a file it does nothing, so scripts see clean output.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, giving it a callback that sets the progress line's text.</summary>
    public static T Run<T>(string title, Func<Action<string>, T> work)
    {
        if (!Terminal.ShowsProgress)
        {
            return work(_ => { });
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title)).IsIndeterminate();
                return work(text => task.Description = Markup.Escape($"{title}: {text}"));
            });
    }
}
