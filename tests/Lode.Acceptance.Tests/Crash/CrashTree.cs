using System.Text;

namespace Lode.Acceptance.Tests.Crash;

/// <summary>The small tree the kill campaign snapshots: a few directories of text files, one symbolic link.</summary>
internal static class CrashTree
{
    public const int Directories = 6;
    public const int FilesPerDirectory = 8;
    public const int Files = Directories * FilesPerDirectory;

    public static void Generate(string root, int seed)
    {
        var random = new Random(seed);
        for (int d = 0; d < Directories; d++)
        {
            string directory = Path.Combine(root, $"d{d}");
            Directory.CreateDirectory(directory);
            for (int f = 0; f < FilesPerDirectory; f++)
            {
                var text = new StringBuilder();
                for (int line = random.Next(200, 800); line > 0; line--)
                {
                    text.Append(Line(random)).Append('\n');
                }
                File.WriteAllText(Path.Combine(directory, $"f{f}.txt"), text.ToString());
            }
        }
        File.CreateSymbolicLink(Path.Combine(root, "d1", "link"), "f0.txt");
    }

    /// <summary>Every path of the snapshot of the tree, as the catalog keys them: "" (the root), "d0", "d0/f0.txt", ….</summary>
    public static SortedSet<string> Paths(string root)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal) { "" };
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            paths.Add(Path.GetRelativePath(root, path));
        }
        return paths;
    }

    /// <summary>What <c>lode search LITERAL</c> of a snapshot of the tree prints (the tree has only text files, and its
    /// paths sort the same component-wise and bytewise).</summary>
    public static byte[] SearchOutput(string root, string literal)
    {
        var output = new StringBuilder();
        foreach (string file in Directory.EnumerateFiles(root, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllText(file).Split('\n');
            for (int i = 0; i < lines.Length - 1; i++)
            {
                if (lines[i].Contains(literal, StringComparison.Ordinal))
                {
                    output.Append(Path.GetRelativePath(root, file)).Append(':').Append(i + 1).Append(':').Append(lines[i]).Append('\n');
                }
            }
        }
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    /// <summary>What <c>lode ls SNAP:d1</c> prints.</summary>
    public static string Listing(string directory) =>
        directory == "d1"
            ? string.Concat(Enumerable.Range(0, FilesPerDirectory).Select(f => $"f{f}.txt\n")) + "link\n"
            : throw new ArgumentOutOfRangeException(nameof(directory));

    private static string Line(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
