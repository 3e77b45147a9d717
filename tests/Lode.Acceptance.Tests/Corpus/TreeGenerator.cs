using System.Text;

namespace Lode.Acceptance.Tests.Corpus;

/// <summary>
/// Writes the acceptance tree: nested and empty directories, empty files, symlinks (to a file, to a directory,
/// dangling, absolute), binary files (NUL bytes next to text that would match), names with spaces and non-ASCII UTF-8,
/// names whose ripgrep order differs from plain byte or UTF-16 order, files without a final newline, CRLF and lone-CR
/// lines, a very long line, modes 0644/0755/0600/0700 and distinct sub-second mtimes, and one big file of random bytes
/// with some text lines. The same seed always gives the same tree.
/// </summary>
internal static partial class TreeGenerator
{
    /// <summary>The big file's path relative to the root.</summary>
    public const string BigFile = "big/random.bin";

    /// <summary>The small binary file: a NUL first, then lines that contain <see cref="SearchLiterals.OnlyInBinary"/>.</summary>
    public const string BinaryFile = "bin/blob.bin";

    /// <summary>A directory holding subdirectories, files and links, for nested listings.</summary>
    public const string NestedDirectory = "links";

    private static readonly DateTime FirstMtime = new(2001, 9, 9, 1, 46, 40, 250, DateTimeKind.Utc);

    /// <summary>Creates the tree under <paramref name="root"/> (which must not exist or be empty).</summary>
    /// <param name="root">Directory to fill.</param>
    /// <param name="seed">Seed of every random choice.</param>
    /// <param name="bigFileBytes">Size of <see cref="BigFile"/> in bytes (50 MB in the acceptance tests).</param>
    public static void Generate(string root, int seed, long bigFileBytes)
    {
        var random = new Random(seed);
        Directory.CreateDirectory(root);
        foreach (var (path, text) in FixedFiles)
        {
            Write(root, path, Encoding.UTF8.GetBytes(text));
        }
        Write(root, BinaryFile, BinaryBlob(random));
        Write(root, "src/long-line.txt", LongLine(random));
        WriteSourceFiles(root, random);
        WriteBigFile(Path.Combine(root, BigFile), bigFileBytes, random);
        Directory.CreateDirectory(Path.Combine(root, "empty-dir"));
        Directory.CreateDirectory(Path.Combine(root, "deep/a/b/empty"));
        Directory.CreateDirectory(Path.Combine(root, "links/sub"));
        File.CreateSymbolicLink(Path.Combine(root, "links/to-readme"), "../README.md");
        File.CreateSymbolicLink(Path.Combine(root, "links/dangling"), "../does/not/exist");
        File.CreateSymbolicLink(Path.Combine(root, "links/to-deep"), "../deep");
        File.CreateSymbolicLink(Path.Combine(root, "links/absolute"), "/nonexistent/lode/absolute target");
        SetModesAndTimes(root);
    }

    private static readonly (string Path, string Text)[] FixedFiles =
    [
        ("README.md", "# Lode acceptance tree\nhello from the readme\nthe quick brown fox jumps over the lazy dog\n"),
        ("run.sh", "#!/bin/sh\necho hello\n"),
        ("secret.txt", "password = hunter2\n"),
        (".hidden", "hidden hello\n"),
        ("empty.txt", ""),
        ("no-final-newline.txt", "first line\nlast line without newline hello"),
        ("win/crlf.txt", "crlf line one\r\ncrlf hello two\r\n\r\nlast crlf line without newline"),
        ("win/lone-cr.txt", "a\rb hello\rc\n\n\nhello after blank lines\n"),
        ("names/with space.txt", "two words hello\n"),
        ("names/naïve café.txt", "café naïve hello\n"),
        ("names/日本語.txt", "日本語 hello\n"),
        ("names/Ωmega/inner file.txt", "Ω hello\n"),
        ("order/a/b", "order hello a/b\n"),
        ("order/a.h", "order hello a.h\n"),
        ("order/a-b", "order hello a-b\n"),
        ("order/a_b", "order hello a_b\n"),
        ("order/A", "order hello A\n"),
        ("order/Z", "order hello Z\n"),
        ("order/z", "order hello z\n"),
        ("order/é", "order hello é\n"),
        ("order/\uFF21", "order hello fullwidth A\n"),
        ("order/😀.txt", "order hello 😀\n"),
        ("deep/a/b/c/d/leaf.txt", "deep hello leaf\n"),
        ("private/note.txt", "private hello\n"),
        ("links/sub/file.txt", "hello beside the links\n"),
    ];

    private static void Write(string root, string relative, byte[] bytes)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Modes by name, then mtimes deepest first so that writing children cannot move a parent's mtime.</summary>
    private static void SetModesAndTimes(string root)
    {
        var entries = TreeWalker.Walk(root).Where(entry => entry.Kind != EntryKind.Symlink).ToList();
        foreach (var entry in entries)
        {
            FileSystemInfo info = entry.Kind == EntryKind.Directory ? new DirectoryInfo(entry.FullPath) : new FileInfo(entry.FullPath);
            info.UnixFileMode = ModeOf(entry);
        }
        foreach (var (entry, index) in entries.Select((entry, index) => (entry, index))
                     .OrderByDescending(pair => pair.entry.RelativePath.Count(c => c == '/')))
        {
            var mtime = FirstMtime.AddSeconds(index * 86_413.25);
            if (entry.Kind == EntryKind.Directory)
            {
                Directory.SetLastWriteTimeUtc(entry.FullPath, mtime);
            }
            else
            {
                File.SetLastWriteTimeUtc(entry.FullPath, mtime);
            }
        }
    }

    private static UnixFileMode ModeOf(TreeEntry entry) => (entry.Kind, entry.RelativePath) switch
    {
        (EntryKind.Directory, "private") => (UnixFileMode)0b111_000_000,
        (EntryKind.Directory, _) => (UnixFileMode)0b111_101_101,
        (_, "secret.txt" or "empty.txt" or "private/note.txt") => (UnixFileMode)0b110_000_000,
        (_, var path) when path.EndsWith(".sh", StringComparison.Ordinal) => (UnixFileMode)0b111_101_101,
        _ => (UnixFileMode)0b110_100_100,
    };
}
