namespace Lode;

/// <summary>How to restore a snapshot (<see cref="SnapshotRestore.Restore"/>).</summary>
public sealed class RestoreOptions
{
    /// <summary>Receives the number of files restored and bytes written now and then (from the restoring thread), or null.</summary>
    public IProgress<(long Files, long Bytes)>? Progress { get; init; }

    /// <summary>Receives one line per entry that could not be restored (the restore goes on with the next), or null.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>
    /// Whether to give entries their recorded owners: null (the default) does it when running as root, as tar does;
    /// only root can. Setuid and setgid bits are kept only on an entry whose owning user (group) ends up being the
    /// recorded one, so a restore never makes a setuid or setgid file of someone else's.
    /// </summary>
    public bool? Owners { get; init; }
}
