namespace Lode;

/// <summary>A matching line of a text: its 1-based number and its byte range without the line terminator.</summary>
internal readonly record struct MatchedLine(long Number, int Start, int Length);

/// <summary>Turns match offsets inside a text into the distinct lines that hold them. Stateless.</summary>
internal static class LineMatcher
{
    /// <summary>Refuses a pattern that holds a newline: a match never spans lines.</summary>
    /// <exception cref="LodeException">It does.</exception>
    public static void RequireSingleLine(ReadOnlySpan<byte> pattern)
    {
        if (pattern.Contains((byte)'\n'))
        {
            throw new LodeException("A search pattern cannot contain a newline: matches never span lines.");
        }
    }

    /// <summary>
    /// The lines holding <paramref name="sortedOffsets"/>, in order, each once, at most <paramref name="maxLines"/>.
    /// A line ends at '\n' (excluded); a '\r' before it stays part of the line, as ripgrep prints it.
    /// </summary>
    public static List<MatchedLine> Lines(ReadOnlySpan<byte> text, ReadOnlySpan<int> sortedOffsets, long maxLines)
    {
        var lines = new List<MatchedLine>();
        long number = 1;
        int counted = 0; // the newlines before this offset are counted in number
        int nextLineStart = 0;
        foreach (int offset in sortedOffsets)
        {
            if (lines.Count >= maxLines)
            {
                break;
            }
            if (offset < nextLineStart)
            {
                continue; // On the line of the previous match.
            }
            int start = text[..offset].LastIndexOf((byte)'\n') + 1;
            number += text[counted..start].Count((byte)'\n');
            counted = start;
            int end = text[start..].IndexOf((byte)'\n');
            int length = end < 0 ? text.Length - start : end;
            lines.Add(new MatchedLine(number, start, length));
            nextLineStart = start + length + 1;
        }
        return lines;
    }

    /// <summary>
    /// Drops a UTF-8 byte order mark (EF BB BF) at the start of <paramref name="text"/> from its first line, in place,
    /// as ripgrep does: it decodes a file that starts with one without it, so the mark is never printed.
    /// </summary>
    public static List<MatchedLine> WithoutByteOrderMark(ReadOnlySpan<byte> text, List<MatchedLine> lines)
    {
        if (lines.Count > 0 && lines[0].Number == 1 && text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            lines[0] = lines[0] with { Start = 3, Length = Math.Max(0, lines[0].Length - 3) };
        }
        return lines;
    }

    /// <summary>Every line of <paramref name="text"/> (what an empty pattern matches), at most <paramref name="maxLines"/>.</summary>
    public static List<MatchedLine> AllLines(ReadOnlySpan<byte> text, long maxLines)
    {
        var lines = new List<MatchedLine>();
        int start = 0;
        while (start < text.Length && lines.Count < maxLines)
        {
            int end = text[start..].IndexOf((byte)'\n');
            int length = end < 0 ? text.Length - start : end;
            lines.Add(new MatchedLine(lines.Count + 1, start, length));
            start += length + 1;
        }
        return lines;
    }
}
