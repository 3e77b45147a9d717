namespace Lode.Acceptance.Tests.Corpus;

/// <summary>Compares a restored tree with its source, entry by entry, without following symlinks.</summary>
internal static class TreeComparer
{
    private const UnixFileMode PermissionBits = (UnixFileMode)0b111_111_111_111;

    /// <summary>
    /// Every way <paramref name="actualRoot"/> differs from <paramref name="expectedRoot"/>: missing or unexpected
    /// entries, a different kind, file bytes, symlink target text, permission bits (files and directories) and
    /// modification time to the whole second (files and directories). Empty when the trees are the same.
    /// </summary>
    public static IReadOnlyList<string> Differences(string expectedRoot, string actualRoot)
    {
        var differences = new List<string>();
        var actual = TreeWalker.Walk(actualRoot).ToDictionary(entry => entry.RelativePath, StringComparer.Ordinal);
        foreach (var expected in TreeWalker.Walk(expectedRoot))
        {
            if (!actual.Remove(expected.RelativePath, out var restored))
            {
                differences.Add($"missing: {expected.RelativePath}");
                continue;
            }
            differences.AddRange(Compare(expected, restored).Select(what => $"{what}: {expected.RelativePath}"));
        }
        differences.AddRange(actual.Keys.Order(ComponentPathOrder.Instance).Select(path => $"unexpected: {path}"));
        return differences;
    }

    /// <summary>
    /// The regular files under <paramref name="restoredRoot"/> whose bytes are not those of the same path under
    /// <paramref name="sourceRoot"/> (or that have no regular-file counterpart). Files the restore left out are fine.
    /// </summary>
    public static IReadOnlyList<string> WrongFiles(string sourceRoot, string restoredRoot) =>
        TreeWalker.Walk(restoredRoot)
            .Where(entry => entry.Kind == EntryKind.File)
            .Where(entry =>
            {
                string source = Path.Combine(sourceRoot, entry.RelativePath);
                return new FileInfo(source) is not { Exists: true, LinkTarget: null } || !SameBytes(source, entry.FullPath);
            })
            .Select(entry => entry.RelativePath)
            .ToList();

    /// <summary>Whether two files hold the same bytes, read in 1 MiB pieces.</summary>
    public static bool SameBytes(string left, string right)
    {
        using var x = File.OpenRead(left);
        using var y = File.OpenRead(right);
        if (x.Length != y.Length)
        {
            return false;
        }
        var bufferX = new byte[1 << 20];
        var bufferY = new byte[1 << 20];
        while (true)
        {
            int n = x.ReadAtLeast(bufferX, bufferX.Length, throwOnEndOfStream: false);
            y.ReadExactly(bufferY, 0, n);
            if (!bufferX.AsSpan(0, n).SequenceEqual(bufferY.AsSpan(0, n)))
            {
                return false;
            }
            if (n < bufferX.Length)
            {
                return true;
            }
        }
    }

    private static IEnumerable<string> Compare(TreeEntry expected, TreeEntry actual)
    {
        if (expected.Kind != actual.Kind)
        {
            yield return $"kind {actual.Kind}, expected {expected.Kind}";
            yield break;
        }
        if (expected.Kind == EntryKind.Symlink)
        {
            string? wantTarget = new FileInfo(expected.FullPath).LinkTarget;
            string? gotTarget = new FileInfo(actual.FullPath).LinkTarget;
            if (wantTarget != gotTarget)
            {
                yield return $"symlink target '{gotTarget}', expected '{wantTarget}'";
            }
            yield break;
        }
        if (expected.Kind == EntryKind.File && !SameBytes(expected.FullPath, actual.FullPath))
        {
            yield return "contents differ";
        }
        var want = Info(expected);
        var got = Info(actual);
        if ((want.UnixFileMode & PermissionBits) != (got.UnixFileMode & PermissionBits))
        {
            yield return $"mode {Octal(got.UnixFileMode)}, expected {Octal(want.UnixFileMode)}";
        }
        if (want.LastWriteTimeUtc.Ticks / TimeSpan.TicksPerSecond != got.LastWriteTimeUtc.Ticks / TimeSpan.TicksPerSecond)
        {
            yield return $"mtime {got.LastWriteTimeUtc:O}, expected {want.LastWriteTimeUtc:O}";
        }
    }

    private static FileSystemInfo Info(TreeEntry entry) =>
        entry.Kind == EntryKind.Directory ? new DirectoryInfo(entry.FullPath) : new FileInfo(entry.FullPath);

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)(mode & PermissionBits), 8);
}
