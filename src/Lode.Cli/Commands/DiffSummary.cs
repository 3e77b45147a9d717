namespace Lode.Cli.Commands;

/// <summary>Counts of a diff, by kind of entry; bytes are file sizes (old size removed, new size added for a change).</summary>
internal sealed class DiffSummary
{
    public long FilesAdded { get; private set; }
    public long FilesRemoved { get; private set; }
    public long FilesChanged { get; private set; }
    public long DirsAdded { get; private set; }
    public long DirsRemoved { get; private set; }
    public long OthersAdded { get; private set; }
    public long OthersRemoved { get; private set; }
    public long OthersChanged { get; private set; }
    public long BytesAdded { get; private set; }
    public long BytesRemoved { get; private set; }

    public void Add(DiffEntry change)
    {
        BytesAdded += change.New is { Kind: FileKind.File } now ? now.Size : 0;
        BytesRemoved += change.Old is { Kind: FileKind.File } old ? old.Size : 0;
        switch (change.Kind, change.Current.Kind)
        {
            case (DiffKind.Added, FileKind.File): FilesAdded++; break;
            case (DiffKind.Removed, FileKind.File): FilesRemoved++; break;
            case (DiffKind.Changed, FileKind.File): FilesChanged++; break;
            case (DiffKind.Added, FileKind.Directory): DirsAdded++; break;
            case (DiffKind.Removed, FileKind.Directory): DirsRemoved++; break;
            case (DiffKind.Added, _): OthersAdded++; break;
            case (DiffKind.Removed, _): OthersRemoved++; break;
            default: OthersChanged++; break;
        }
    }
}
