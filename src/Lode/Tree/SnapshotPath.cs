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
    public static bool IsValidStored(string path)
    {
        if (path.Length == 0)
        {
            return true;
        }
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }
        // Component by component without allocating: a file table checks every one of its paths when it is read.
        var span = path.AsSpan();
        foreach (var range in span.Split('/'))
        {
            if (span[range] is "" or "." or "..")
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The parent of a stored path ("" for a top-level entry).</summary>
    public static string Parent(string path) => ParentSpan(path).ToString();

    /// <summary>The parent of a stored path as a span of it, without allocating ("" for a top-level entry).</summary>
    public static ReadOnlySpan<char> ParentSpan(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path.AsSpan(0, slash);
    }
}
