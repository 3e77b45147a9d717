namespace Lode;

/// <summary>Normalises user-given paths inside a snapshot. Thread-safe (stateless).</summary>
public static class SnapshotPath
{
    /// <summary>
    /// Turns "/a/b/", "a/b", "./a//b" into "a/b" and "/" or "" into "" (the root).
    /// </summary>
    /// <exception cref="LodeException">The path has a ".." component or a NUL byte.</exception>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new LodeException("A path inside a snapshot cannot contain a NUL byte.");
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains(".."))
        {
            throw new LodeException($"The path '{path}' has a '..' component; give a path from the snapshot root.");
        }
        return string.Join('/', parts);
    }

    /// <summary>True when <paramref name="path"/> is a valid stored path: no empty, "." or ".." component, no NUL.</summary>
    public static bool IsValidStored(string path) =>
        path.Length == 0 ||
        (!path.Contains('\0', StringComparison.Ordinal) &&
         path.Split('/').All(p => p.Length > 0 && p != "." && p != ".."));

    /// <summary>The parent of a stored path ("" for a top-level entry).</summary>
    public static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
