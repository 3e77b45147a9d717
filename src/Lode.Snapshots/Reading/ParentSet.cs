using Lode.Snapshots.Format;

namespace Lode.Snapshots.Reading;

/// <summary>
/// The parents of a snapshot, opened lazily through the loader (at most once each; a failed load is retried on the
/// next access) and checked: the loader must return a reader for the id asked, whose integrity root is the one the
/// child recorded and whose block hashes are comparable (same key, or both plain). Owns what it opened.
/// Thread-safe. A load runs outside the set's lock, so a slow (remote) load of one parent holds up only the readers
/// of that parent, which wait for the one load in flight.
/// </summary>
internal sealed class ParentSet(IReadOnlyList<ParentEntry> entries, Func<string, SnapshotReader>? loader) : IDisposable
{
    private readonly Lazy<SnapshotReader>?[] _opened = new Lazy<SnapshotReader>?[entries.Count];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>The parent table.</summary>
    public IReadOnlyList<ParentEntry> Entries => entries;

    /// <summary>Parent <paramref name="index"/> of <paramref name="child"/>, opened and checked on first use.</summary>
    /// <exception cref="ParentSnapshotNotFoundException">No loader, or it threw or returned null.</exception>
    /// <exception cref="SnapshotCorruptException">The parent's root or hash domain is not what the child recorded.</exception>
    /// <exception cref="SnapshotFormatException">The parent chain has a cycle.</exception>
    /// <exception cref="ObjectDisposedException">The set (its child) was disposed, also while the parent was loading.</exception>
    public SnapshotReader Get(int index, SnapshotReader child)
    {
        Lazy<SnapshotReader> load;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, child);
            load = _opened[index] ??= new Lazy<SnapshotReader>(() => Open(entries[index], child), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        SnapshotReader parent;
        try
        {
            parent = load.Value;
        }
        catch
        {
            lock (_lock)
            {
                // A Lazy keeps its exception; forget it so the next access loads again.
                if (_opened[index] == load)
                {
                    _opened[index] = null;
                }
            }
            throw;
        }
        lock (_lock)
        {
            if (_disposed)
            {
                // Loaded while the child was being disposed; Dispose may not have seen it (disposing twice is harmless).
                parent.Dispose();
                throw new ObjectDisposedException(child.GetType().FullName);
            }
        }
        return parent;
    }

    /// <summary>Disposes every parent opened.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var load in _opened)
            {
                if (load is { IsValueCreated: true })
                {
                    load.Value.Dispose();
                }
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
