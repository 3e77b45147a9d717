using System.Text;

namespace Lode.Tests;

public class LineMatcherTests
{
    private static List<(long, string)> Lines(string text, string pattern, long max = long.MaxValue)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        byte[] p = Encoding.UTF8.GetBytes(pattern);
        var offsets = new List<int>();
        for (int i = bytes.AsSpan().IndexOf(p); i >= 0 && i <= bytes.Length - p.Length;)
        {
            offsets.Add(i);
            int next = bytes.AsSpan(i + 1).IndexOf(p);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return [.. LineMatcher.Lines(bytes, offsets.ToArray(), max).Select(l => (l.Number, Encoding.UTF8.GetString(bytes, l.Start, l.Length)))];
    }

    [Fact]
    public void Reports_each_matching_line_once_with_its_number()
    {
        Assert.Equal([(1L, "abab"), (3L, "xab")], Lines("abab\nno\nxab", "ab"));
    }

    [Fact]
    public void Keeps_carriage_returns_and_handles_a_missing_final_newline()
    {
        Assert.Equal([(2L, "b x\r"), (3L, "x")], Lines("a\r\nb x\r\nx", "x"));
    }

    [Fact]
    public void Stops_at_the_maximum()
    {
        Assert.Equal([(1L, "x"), (2L, "x")], Lines("x\nx\nx\n", "x", 2));
    }

    [Fact]
    public void Every_line_is_what_an_empty_pattern_matches()
    {
        byte[] text = "a\n\nb"u8.ToArray();
        var lines = LineMatcher.AllLines(text, long.MaxValue);
        Assert.Equal([(1L, 0, 1), (2L, 2, 0), (3L, 3, 1)], lines.Select(l => (l.Number, l.Start, l.Length)));
        Assert.Empty(LineMatcher.AllLines([], long.MaxValue));
        Assert.Single(LineMatcher.AllLines("a\n"u8.ToArray(), long.MaxValue));
    }
}
