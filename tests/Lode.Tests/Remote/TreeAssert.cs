namespace Lode.Tests.Remote;

/// <summary>Compares two directory trees: the same relative paths, kinds, file bytes and link targets.</summary>
internal static class TreeAssert
{
    public static void Equal(string expected, string actual)
    {
        var want = Entries(expected);
        var got = Entries(actual);
        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, entry) in want)
        {
            var other = got[path];
            Assert.True(entry.LinkTarget == other.LinkTarget, $"{path}: link {entry.LinkTarget} vs {other.LinkTarget}");
            if (entry is FileInfo && entry.LinkTarget is null)
            {
                Assert.True(File.ReadAllBytes(entry.FullName).AsSpan().SequenceEqual(File.ReadAllBytes(other.FullName)), $"{path} differs");
            }
        }
    }

    private static Dictionary<string, FileSystemInfo> Entries(string root) =>
        new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(e => Path.GetRelativePath(root, e.FullName), StringComparer.Ordinal);
}
