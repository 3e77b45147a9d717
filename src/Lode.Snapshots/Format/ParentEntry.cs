namespace Lode.Snapshots.Format;

/// <summary>One row of the descriptor's parent table: a parent snapshot's id and its integrity root.</summary>
internal readonly record struct ParentEntry(string SnapshotId, Sha256Digest Root)
{
    /// <summary>The public form.</summary>
    public SnapshotParent ToPublic() => new(SnapshotId, Root.ToString());
}
