namespace Lode.Cli.Commands;

/// <summary>A parsed <c>SNAP[:PATH]</c>: a snapshot (id, id prefix, tag or "latest") and a path inside it.</summary>
internal readonly record struct SnapshotReference(string Snapshot, string Path)
{
    /// <summary>Splits at the first ':'; an empty snapshot part means "latest", a missing path the root.</summary>
    public static SnapshotReference Parse(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string snapshot = colon < 0 ? text : text[..colon];
        string path = colon < 0 ? "" : text[(colon + 1)..];
        return new SnapshotReference(snapshot.Length == 0 ? "latest" : snapshot, SnapshotPath.Normalize(path));
    }
}
