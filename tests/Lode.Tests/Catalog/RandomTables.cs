using System.Text;

namespace Lode.Tests.Catalog;

/// <summary>Random file tables: nested directories, files and symbolic links with names chosen to stress path order
/// ('-' and '.' sort below '/', multi-byte UTF-8, spaces), built in memory.</summary>
internal static class RandomTables
{
    private static readonly string[] Parts = ["a", "b", "a-b", "a.b", "ab", "é", "z z", "~", "0", "A", "日本"];

    public static FileTable Create(int seed, int entries)
    {
        var random = new Random(seed);
        var directories = new List<string> { "" };
        var all = new Dictionary<string, FileEntry>(StringComparer.Ordinal) { [""] = Directory("", random) };
        for (int i = 0; i < entries; i++)
        {
            string parent = directories[random.Next(directories.Count)];
            string name = Parts[random.Next(Parts.Length)] + (random.Next(3) == 0 ? Parts[random.Next(Parts.Length)] : "");
            string path = parent.Length == 0 ? name : parent + "/" + name;
            if (all.ContainsKey(path))
            {
                continue;
            }
            FileEntry entry = random.Next(4) switch
            {
                0 => Directory(path, random),
                1 => new FileEntry
                {
                    Path = path, Kind = FileKind.Symlink, Mode = (UnixFileMode)0x1FF, ModifiedTimeNs = random.NextInt64(),
                    LinkTarget = new string('t', random.Next(1, 40)) + "/é",
                },
                _ => new FileEntry
                {
                    Path = path, Kind = FileKind.File, Mode = (UnixFileMode)random.Next(0, 0xFFF), ModifiedTimeNs = random.NextInt64(long.MinValue, long.MaxValue),
                    Size = random.Next(3) == 0 ? random.NextInt64() : random.Next(0, 5000), DataOffset = random.NextInt64(),
                },
            };
            all.Add(path, entry);
            if (entry.Kind == FileKind.Directory)
            {
                directories.Add(path);
            }
        }
        return new FileTable([.. all.Values.OrderBy(e => e.Path, PathOrder.Instance)]);
    }

    private static FileEntry Directory(string path, Random random) =>
        new() { Path = path, Kind = FileKind.Directory, Mode = (UnixFileMode)random.Next(0, 0xFFF), ModifiedTimeNs = random.NextInt64() };

    /// <summary>What the catalog keeps of an entry, as one comparable line.</summary>
    public static string Describe(FileEntry e) =>
        $"{e.Path}|{e.Kind}|{(int)e.Mode}|{e.ModifiedTimeNs}|{e.Size}|{e.DataOffset}|{e.LinkTarget}";

    /// <summary>A 32-hex-digit snapshot id from a seed.</summary>
    public static string Id(int seed) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes($"{seed:D16}"));
}
