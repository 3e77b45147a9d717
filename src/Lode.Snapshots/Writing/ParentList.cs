using System.Globalization;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// The parents a snapshot being written refers to, in order of first reference (a parent block stores its index
/// here). Not thread-safe (used by the ordered writer only).
/// </summary>
internal sealed class ParentList
{
    private readonly List<ParentEntry> _entries = [];
    private readonly Dictionary<ParentEntry, ushort> _index = [];

    /// <summary>The parents, in index order.</summary>
    public IReadOnlyList<ParentEntry> Entries => _entries;

    /// <summary>Whether a reference to <paramref name="parent"/> is certain to find room (it is listed, or room is left for <paramref name="pending"/> more).</summary>
    public bool HasRoomFor(ParentEntry parent, int pending) => _index.ContainsKey(parent) || _entries.Count + pending < SnapshotLayout.MaxParents;

    /// <summary>The index of the parent a reference names, adding it if new.</summary>
    /// <returns>False when the list is full (65 535 parents) and the parent is new.</returns>
    /// <exception cref="InvalidOperationException">The reference has an invalid id, root or stream (a faulty <see cref="ISnapshotBlockLookup"/>).</exception>
    public bool TryGetOrAdd(ParentBlockRef reference, out ushort index, out ParentEntry parent)
    {
        parent = Parse(reference);
        if (_index.TryGetValue(parent, out index))
        {
            return true;
        }
        if (_entries.Count == SnapshotLayout.MaxParents)
        {
            return false;
        }
        index = (ushort)_entries.Count;
        _entries.Add(parent);
        _index.Add(parent, index);
        return true;
    }

    /// <summary>The parent entry a reference names, checked.</summary>
    /// <exception cref="InvalidOperationException">The id, root, stream or block number is invalid.</exception>
    public static ParentEntry Parse(ParentBlockRef reference)
    {
        Span<byte> root = stackalloc byte[Sha256Digest.Size];
        bool valid = reference.SnapshotId is not null && SnapshotIds.IsValid(reference.SnapshotId)
            && reference.IntegrityRoot is { Length: 2 * Sha256Digest.Size }
            && Convert.FromHexString(reference.IntegrityRoot, root, out _, out int written) == System.Buffers.OperationStatus.Done
            && written == Sha256Digest.Size
            && reference.StreamIndex is >= 0 and < SnapshotLayout.MaxStreams && reference.BlockNumber >= 0;
        if (!valid)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The block lookup returned an invalid reference (snapshot '{reference.SnapshotId}', root '{reference.IntegrityRoot}', stream {reference.StreamIndex}, block {reference.BlockNumber}); fix the ISnapshotBlockLookup."));
        }
        return new ParentEntry(reference.SnapshotId!, Sha256Digest.Read(root));
    }
}
