using System.Text;

namespace Lode.Acceptance.Tests.Corpus;

/// <summary>
/// The naive search the contract defines, used as the reference for <c>lode search</c>: every regular file of the tree
/// (symlinks never followed, files containing a NUL byte skipped as binary) is scanned for the literal; each line that
/// contains it is reported once, files in <see cref="ComponentPathOrder"/>, lines in order. The whole text of the tree is held
/// in memory, so load it once per tree.
/// </summary>
internal sealed class SearchOracle
{
    private readonly List<(string Path, byte[] Text)> _files;

    private SearchOracle(List<(string, byte[])> files) => _files = files;

    /// <summary>Reads every indexable file under <paramref name="root"/>.</summary>
    public static SearchOracle Load(string root)
    {
        var files = new List<(string, byte[])>();
        foreach (var entry in TreeWalker.Walk(root))
        {
            if (entry.Kind != EntryKind.File)
            {
                continue;
            }
            byte[] text = File.ReadAllBytes(entry.FullPath);
            if (!text.AsSpan().Contains((byte)0))
            {
                files.Add((entry.RelativePath, text));
            }
        }
        return new SearchOracle(files);
    }

    /// <summary>The paths of the files searched (text files), in search order.</summary>
    public IEnumerable<string> TextPaths => _files.Select(file => file.Path);

    /// <summary>Every line containing <paramref name="literal"/> (which must not contain <c>\n</c>).</summary>
    public IEnumerable<SearchHit> Search(byte[] literal)
    {
        if (literal.Length == 0 || literal.AsSpan().Contains((byte)'\n'))
        {
            throw new ArgumentException("the oracle searches non-empty literals without a newline", nameof(literal));
        }
        foreach (var (path, text) in _files)
        {
            int from = 0;
            int line = 1;
            int lineCountedTo = 0;
            while (from < text.Length)
            {
                int found = text.AsSpan(from).IndexOf(literal);
                if (found < 0)
                {
                    break;
                }
                int position = from + found;
                int start = text.AsSpan(0, position).LastIndexOf((byte)'\n') + 1;
                int newline = text.AsSpan(position).IndexOf((byte)'\n');
                int end = newline < 0 ? text.Length : position + newline;
                line += text.AsSpan(lineCountedTo, start - lineCountedTo).Count((byte)'\n');
                lineCountedTo = start;
                yield return new SearchHit(path, line, text[start..end]);
                from = end + 1;
            }
        }
    }

    /// <summary>The expected stdout: <c>path:line:content\n</c> per hit, the format ripgrep prints.</summary>
    public byte[] ExpectedOutput(byte[] literal)
    {
        var output = new MemoryStream();
        foreach (var hit in Search(literal))
        {
            output.Write(Encoding.UTF8.GetBytes($"{hit.Path}:{hit.Line}:"));
            output.Write(hit.Content);
            output.WriteByte((byte)'\n');
        }
        return output.ToArray();
    }

    /// <summary>
    /// The expected stdout of <c>rg -c</c> (<c>path:count\n</c> per file with a matching line, counting lines) or, when
    /// <paramref name="counts"/> is false, of <c>rg -l</c> (<c>path\n</c>).
    /// </summary>
    public byte[] ExpectedPerFileOutput(byte[] literal, bool counts)
    {
        var output = new StringBuilder();
        foreach (var file in Search(literal).GroupBy(hit => hit.Path))
        {
            output.Append(file.Key).Append(counts ? $":{file.Count()}\n" : "\n");
        }
        return Encoding.UTF8.GetBytes(output.ToString());
    }
}
