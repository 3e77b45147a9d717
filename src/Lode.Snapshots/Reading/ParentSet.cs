using Lode.Snapshots.Format;

namespace Lode.Snapshots.Reading;

/// <summary>
/// The parents of a snapshot, opened lazily through the loader (at most once each; a failed load is retried on the
/// next access) and checked: the loader must return a reader for the id asked, whose integrity root is the one the
/// child recorded and whose block hashes are comparable (same key, or both plain). Owns what it opened.
/// Thread-safe.
/// </summary>
internal sealed class ParentSet(IReadOnlyList<ParentEntry> entries, Func<string, SnapshotReader>? loader) : IDisposable
{
    private readonly SnapshotReader?[] _opened = new SnapshotReader?[entries.Count];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>The parent table.</summary>
    public IReadOnlyList<ParentEntry> Entries => entries;

    /// <summary>Parent <paramref name="index"/> of <paramref name="child"/>, opened and checked on first use.</summary>
    /// <exception cref="ParentSnapshotNotFoundException">No loader, or it threw or returned null.</exception>
    /// <exception cref="SnapshotCorruptException">The parent's root or hash domain is not what the child recorded.</exception>
    /// <exception cref="SnapshotFormatException">The parent chain has a cycle.</exception>
    public SnapshotReader Get(int index, SnapshotReader child)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, child);
            return _opened[index] ??= Open(entries[index], child);
        }
    }

    /// <summary>Disposes every parent opened.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var parent in _opened)
            {
                parent?.Dispose();
            }
        }
    }

    private SnapshotReader Open(ParentEntry entry, SnapshotReader child)
    {
        string id = entry.SnapshotId;
        if (loader is null)
        {
            throw new ParentSnapshotNotFoundException(
                $"The snapshot refers to blocks of parent snapshot '{id}', but no ParentLoader was given in SnapshotReaderOptions.", id, null);
        }
        if (child.Lineage.Contains(id))
        {
            throw new SnapshotFormatException($"The parent chain has a cycle: '{id}' is its own ancestor ({string.Join(" <- ", child.Lineage)}).");
        }
        SnapshotReader? parent;
        try
        {
            parent = loader(id);
        }
        catch (Exception e)
        {
            throw new ParentSnapshotNotFoundException($"Parent snapshot '{id}' could not be opened: {e.Message}", id, e);
        }
        if (parent is null)
        {
            throw new ParentSnapshotNotFoundException($"Parent snapshot '{id}' could not be opened: the loader returned null.", id, null);
        }
        try
        {
            parent.AdoptAsParent(id, entry.Root, child);
            return parent;
        }
        catch
        {
            parent.Dispose();
            throw;
        }
    }
}
