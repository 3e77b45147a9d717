using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lode.Cli.Commands;

internal static partial class SearchCommand
{
    /// <summary>
    /// Searches <paramref name="view"/> and writes the results to <paramref name="stdout"/> in ripgrep's format for
    /// <paramref name="output"/> (<c>rg -n --no-heading</c>, <c>rg -c</c> or <c>rg -l</c>, run in the snapshotted
    /// directory), or as JSON Lines when <paramref name="json"/> is set. Does not dispose <paramref name="stdout"/>.
    /// </summary>
    /// <param name="view">The snapshot to search; used on the calling thread only.</param>
    /// <param name="pattern">The literal bytes to find (empty: every line).</param>
    /// <param name="maxLinesPerFile">At most this many lines per file are printed or counted (rg's <c>--max-count</c>).</param>
    /// <param name="output">Lines, counts or paths.</param>
    /// <param name="json">JSON Lines: <c>{path, line, text}</c>, <c>{path, count}</c> or <c>{path}</c> per record.</param>
    /// <param name="stdout">Where the records go; the caller owns it.</param>
    /// <returns>The number of matching lines found (for <see cref="SearchOutput.FilesWithMatches"/>, of matching files).</returns>
    /// <exception cref="LodeException">The pattern holds a newline.</exception>
    internal static long Print(SnapshotView view, byte[] pattern, long maxLinesPerFile, SearchOutput output, bool json, Stream stdout)
    {
        using var writer = json ? new Utf8JsonWriter(stdout) : null;
        return output == SearchOutput.Lines
            ? PrintLines(view, pattern, maxLinesPerFile, writer, stdout)
            : PrintFiles(view, pattern, maxLinesPerFile, output == SearchOutput.Count, writer, stdout);
    }

    private static long PrintLines(SnapshotView view, byte[] pattern, long limit, Utf8JsonWriter? writer, Stream stdout)
    {
        var paths = new PathBytes();
        return view.Search(pattern, limit, (path, line, content) =>
        {
            if (writer is not null)
            {
                string lineText = Encoding.UTF8.GetString(content);
                WriteJsonLine(writer, stdout, w =>
                {
                    w.WriteString("path", path);
                    w.WriteNumber("line", line);
                    w.WriteString("text", lineText);
                });
                return;
            }
            stdout.Write(paths.Of(path));
            stdout.WriteByte((byte)':');
            WriteNumber(stdout, line);
            stdout.WriteByte((byte)':');
            stdout.Write(content);
            stdout.WriteByte((byte)'\n');
        });
    }

    /// <summary>
    /// Searches every snapshot of <paramref name="repository"/> and writes each distinct line once: as
    /// <c>IDS:PATH:LINE:CONTENT</c> (IDS the short ids of the snapshots holding it, comma-separated, oldest first), or as
    /// JSON Lines <c>{snapshots, path, line, text}</c> with full ids. Does not dispose <paramref name="stdout"/>.
    /// </summary>
    /// <returns>The number of distinct lines written.</returns>
    internal static long PrintAll(Repository repository, byte[] pattern, long maxLinesPerFile, bool json, Stream stdout)
    {
        using var writer = json ? new Utf8JsonWriter(stdout) : null;
        return repository.SearchAll(pattern, maxLinesPerFile, (snapshots, path, line, content) =>
        {
            if (writer is not null)
            {
                string lineText = Encoding.UTF8.GetString(content);
                WriteJsonLine(writer, stdout, w =>
                {
                    w.WriteStartArray("snapshots");
                    foreach (var snapshot in snapshots)
                    {
                        w.WriteStringValue(snapshot.Id);
                    }
                    w.WriteEndArray();
                    w.WriteString("path", path);
                    w.WriteNumber("line", line);
                    w.WriteString("text", lineText);
                });
                return;
            }
            stdout.Write(Encoding.UTF8.GetBytes(string.Join(',', snapshots.Select(s => s.ShortId))));
            stdout.WriteByte((byte)':');
            stdout.Write(Encoding.UTF8.GetBytes(path));
            stdout.WriteByte((byte)':');
            WriteNumber(stdout, line);
            stdout.WriteByte((byte)':');
            stdout.Write(content);
            stdout.WriteByte((byte)'\n');
        });
    }

    /// <summary>One record per matching file: its path and, when <paramref name="counts"/>, its number of matching lines.</summary>
    private static long PrintFiles(SnapshotView view, byte[] pattern, long limit, bool counts, Utf8JsonWriter? writer, Stream stdout)
    {
        string? current = null;
        long lines = 0;
        long files = 0;
        void Flush()
        {
            if (current is null)
            {
                return;
            }
            files++;
            if (writer is not null)
            {
                WriteJsonLine(writer, stdout, w =>
                {
                    w.WriteString("path", current);
                    if (counts)
                    {
                        w.WriteNumber("count", lines);
                    }
                });
                return;
            }
            stdout.Write(Encoding.UTF8.GetBytes(current));
            if (counts)
            {
                stdout.WriteByte((byte)':');
                WriteNumber(stdout, lines);
            }
            stdout.WriteByte((byte)'\n');
        }
        // A file's lines arrive together; -l needs only the first of them, so the engine stops at one per file.
        long total = view.Search(pattern, counts ? limit : Math.Min(limit, 1), (path, _, _) =>
        {
            if (!string.Equals(path, current, StringComparison.Ordinal))
            {
                Flush();
                current = path;
                lines = 0;
            }
            lines++;
        });
        Flush();
        return counts ? total : files;
    }

    private static void WriteJsonLine(Utf8JsonWriter writer, Stream stdout, Action<Utf8JsonWriter> body)
    {
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        writer.Flush();
        stdout.WriteByte((byte)'\n');
        writer.Reset();
    }

    private static void WriteNumber(Stream stdout, long value)
    {
        Span<byte> digits = stackalloc byte[24];
        value.TryFormat(digits, out int written, provider: CultureInfo.InvariantCulture);
        stdout.Write(digits[..written]);
    }

    /// <summary>The UTF-8 bytes of the path of the previous call, kept while the same file's lines arrive.</summary>
    private sealed class PathBytes
    {
        private string? _path;
        private byte[] _bytes = [];

        public byte[] Of(string path)
        {
            if (!ReferenceEquals(path, _path))
            {
                _path = path;
                _bytes = Encoding.UTF8.GetBytes(path);
            }
            return _bytes;
        }
    }
}
