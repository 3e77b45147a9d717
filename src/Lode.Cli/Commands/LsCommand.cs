using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lode.ObjectStorage;

namespace Lode.Cli.Commands;

internal static class LsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var target = new Argument<string>("SNAP[:PATH]") { Description = "A snapshot (id, id prefix, tag or 'latest') and a path in it.", DefaultValueFactory = _ => "latest" };
        var longFormat = new Option<bool>("--long", "-l") { Description = "Show mode, size and modification time." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of entries." };
        var command = new Command("ls", """
            List a directory of a snapshot (names sorted bytewise, directories end in '/'). Listings come from the
            catalog (see 'lode catalog rebuild'), without opening the snapshot once its paths are recorded.

            Examples:
              lode ls latest
              lode ls headers:/linux --long
            """)
        { target, longFormat, json };
        Action.Set(command, result =>
        {
            var reference = SnapshotReference.Parse(result.GetValue(target)!);
            using var repository = globals.Open(result, data: CacheMode.RangeOnly, index: CacheMode.RangeOnly);
            // From the catalog: one delimiter scan, without opening the snapshot once its paths are recorded.
            using var catalog = repository.OpenCatalog();
            var entries = catalog.List(catalog.ResolveSnapshot(reference.Snapshot), reference.Path);
            if (result.GetValue(json))
            {
                WriteJson(entries);
            }
            else
            {
                using var output = new StreamWriter(Terminal.OpenStdout()) { NewLine = "\n" };
                foreach (var e in entries)
                {
                    string name = e.Kind == FileKind.Directory ? e.Name + "/" : e.Name;
                    output.WriteLine(result.GetValue(longFormat) ? LongLine(e, name) : name);
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string LongLine(FileEntry e, string name)
    {
        char type = e.Kind switch { FileKind.Directory => 'd', FileKind.Symlink => 'l', _ => '-' };
        string time = e.ModifiedTime.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string link = e.LinkTarget is null ? "" : " -> " + e.LinkTarget;
        return $"{type}{ModeString(e.Mode)} {e.Size,12} {time} {name}{link}";
    }

    /// <summary>The nine permission letters as <c>ls -l</c> prints them: setuid and setgid as <c>s</c> in the owner's and
    /// group's execute place (<c>S</c> without execute), sticky as <c>t</c> in the others' (<c>T</c>).</summary>
    internal static string ModeString(UnixFileMode mode)
    {
        Span<char> text = stackalloc char[9];
        const string letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++)
        {
            text[i] = ((int)mode & (1 << (8 - i))) != 0 ? letters[i] : '-';
        }
        Special(text, 2, mode.HasFlag(UnixFileMode.SetUser), 's');
        Special(text, 5, mode.HasFlag(UnixFileMode.SetGroup), 's');
        Special(text, 8, mode.HasFlag(UnixFileMode.StickyBit), 't');
        return new string(text);
    }

    private static void Special(Span<char> text, int at, bool set, char letter)
    {
        if (set)
        {
            text[at] = text[at] == 'x' ? letter : char.ToUpperInvariant(letter);
        }
    }

    private static void WriteJson(IReadOnlyList<FileEntry> entries)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var e in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("name", e.Name);
                writer.WriteString("path", "/" + e.Path);
                writer.WriteString("type", e.Kind switch { FileKind.Directory => "dir", FileKind.Symlink => "symlink", _ => "file" });
                writer.WriteNumber("size", e.Size);
                writer.WriteString("mode", Convert.ToString((int)e.Mode, 8).PadLeft(4, '0'));
                writer.WriteString("mtime", e.ModifiedTime);
                if (e.LinkTarget is not null)
                {
                    writer.WriteString("target", e.LinkTarget);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        stdout.WriteByte((byte)'\n');
    }
}
