using System.Diagnostics;

namespace Lode.Metadata.Tree;

/// <summary>
/// An inner node of the adaptive radix tree (Leis, Kemper and Neumann, "The Adaptive Radix Tree", ICDE 2013):
/// a compressed path (<see cref="Prefix"/>), an optional record whose key ends right after the prefix
/// (<see cref="EndRecord"/>), and children keyed by the next key byte. Children are inner nodes or leaves
/// (<see cref="MetadataRecord"/>). The four kinds hold 4, 16, 48 and 256 children.
/// </summary>
/// <remarks>
/// Concurrency is optimistic lock coupling (Leis, Scheibner, Kemper and Neumann, "The ART of Practical
/// Synchronization", DaMoN 2016): a version word per node with a lock bit and an obsolete bit. Readers take no
/// lock: they read the version, read the node, and validate the version afterwards, retrying on a change.
/// Writers lock a node by a compare-and-swap from the version they read, so a writer's lock fails (and it restarts
/// from the root) whenever the node changed since it was read. A node replaced by a bigger or smaller copy is
/// marked obsolete and never changes again. The arrays inside a node never move, and counts read optimistically are
/// clamped, so a racing read can see stale data (caught by validation) but never index out of range.
/// </remarks>
internal abstract class ArtNode
{
    private const long LockedBit = 0b10;
    private const long ObsoleteBit = 0b01;

    private long _version;
    private byte[] _prefix = [];
    private MetadataRecord? _endRecord;

    /// <summary>The number of children; exact under the node's lock, clamped to the capacity when read optimistically.</summary>
    protected int count;

    /// <summary>The compressed path: key bytes every key below this node has after its parent's edge byte. Immutable array, replaced whole.</summary>
    internal byte[] Prefix
    {
        get => Volatile.Read(ref _prefix);
        set => Volatile.Write(ref _prefix, value);
    }

    /// <summary>The record whose key ends right after <see cref="Prefix"/>, if any (its suffix is empty).</summary>
    internal MetadataRecord? EndRecord
    {
        get => Volatile.Read(ref _endRecord);
        set => Volatile.Write(ref _endRecord, value);
    }

    /// <summary>True for the tree's root, the one node that is never replaced and may be empty.</summary>
    internal bool IsRoot { get; init; }

    /// <summary>The number of children (see <see cref="count"/>).</summary>
    internal int Count => Math.Min(Volatile.Read(ref count), Capacity);

    /// <summary>How many children the node kind holds: 4, 16, 48 or 256.</summary>
    internal abstract int Capacity { get; }

    /// <summary>True when one more child needs a bigger node.</summary>
    internal bool IsFull => Count == Capacity;

    /// <summary>
    /// The largest child count at which the node is replaced by the next smaller kind (hysteresis: well below
    /// the smaller kind's capacity, so a node near a boundary does not flip on every insert and delete); -1 for Node4.
    /// </summary>
    internal abstract int ShrinkAtOrBelow { get; }

    /// <summary>The child under <paramref name="edge"/>, or null. Optimistic: validate the version before using it.</summary>
    internal abstract object? FindChild(byte edge);

    /// <summary>Copies the children in edge order into the spans (each at least <see cref="Capacity"/> long); returns how many. Optimistic.</summary>
    internal int CopyChildren(Span<byte> edges, Span<object?> children)
    {
        int n = 0;
        for (int after = -1; n < Capacity && NextChild(after, out byte edge, out object? child); after = edge)
        {
            edges[n] = edge;
            children[n++] = child;
        }
        return n;
    }

    /// <summary>
    /// The child with the smallest edge above <paramref name="after"/> (-1 for the first child); false when there is
    /// none. Optimistic: validate the version before using the result.
    /// </summary>
    internal abstract bool NextChild(int after, out byte edge, out object? child);

    /// <summary>Adds a child under a new edge. Locked; the node is not full and has no child under <paramref name="edge"/>.</summary>
    internal abstract void AddChild(byte edge, object child);

    /// <summary>Replaces the child under an existing edge. Locked.</summary>
    internal abstract void SetChild(byte edge, object child);

    /// <summary>Removes the child under an existing edge. Locked.</summary>
    internal abstract void RemoveChild(byte edge);

    /// <summary>A new node of the next bigger kind with the same prefix, end record and children. Locked.</summary>
    internal abstract ArtNode Grow();

    /// <summary>A new node of the next smaller kind with the same content. Locked; only when <see cref="Count"/> ≤ <see cref="ShrinkAtOrBelow"/>.</summary>
    internal abstract ArtNode Shrink();

    /// <summary>Copies prefix, end record and children into an empty node of another kind.</summary>
    protected T CopyTo<T>(T target) where T : ArtNode
    {
        target._prefix = _prefix;
        target._endRecord = _endRecord;
        var edges = new EdgeBuffer();
        var children = new ChildBuffer();
        int n = CopyChildren(edges, children);
        for (int i = 0; i < n; i++)
        {
            target.AddChild(edges[i], children[i]!);
        }
        return target;
    }

    /// <summary>
    /// Waits while a writer holds the node and returns its version; false when the node is obsolete (replaced),
    /// in which case the caller restarts from the root.
    /// </summary>
    internal bool TryReadLock(out long version)
    {
        var spin = new SpinWait();
        while (true)
        {
            long v = Volatile.Read(ref _version);
            if ((v & ObsoleteBit) != 0)
            {
                version = 0;
                return false;
            }
            if ((v & LockedBit) == 0)
            {
                version = v;
                return true;
            }
            spin.SpinOnce();
        }
    }

    /// <summary>True when the node has not changed (nor been locked) since <paramref name="version"/> was read.</summary>
    internal bool Validate(long version) => Volatile.Read(ref _version) == version;

    /// <summary>True when the node is obsolete: replaced by a copy and never changing again.</summary>
    internal bool IsObsolete => (Volatile.Read(ref _version) & ObsoleteBit) != 0;

    /// <summary>Locks the node if it is still at <paramref name="version"/>; false (nothing locked) otherwise.</summary>
    internal bool TryUpgrade(long version) => Interlocked.CompareExchange(ref _version, version + LockedBit, version) == version;

    /// <summary>Locks the node now if no writer holds it; false (nothing locked) when it is locked or obsolete. Never waits.</summary>
    internal bool TryLock(out long version)
    {
        version = Volatile.Read(ref _version);
        return (version & (LockedBit | ObsoleteBit)) == 0 && TryUpgrade(version);
    }

    /// <summary>Releases a lock under which nothing changed, restoring <paramref name="version"/> so readers need not retry.</summary>
    internal void UnlockUnchanged(long version)
    {
        Debug.Assert(_version == version + LockedBit, "restoring a version the lock was not taken at");
        Volatile.Write(ref _version, version);
    }

    /// <summary>Releases the lock and bumps the version (the lock bit carries into the counter).</summary>
    internal void Unlock()
    {
        Debug.Assert((_version & LockedBit) != 0, "unlocking a node that is not locked");
        ArtInvariants.Check(this);
        Volatile.Write(ref _version, _version + LockedBit);
    }

    /// <summary>Releases the lock and marks the node obsolete: it has been replaced in its parent and never changes again.</summary>
    internal void UnlockObsolete()
    {
        Debug.Assert((_version & LockedBit) != 0, "unlocking a node that is not locked");
        Volatile.Write(ref _version, _version + LockedBit + ObsoleteBit);
    }

    /// <summary>Checks the kind-specific shape (sorted edges, index consistency) for <see cref="ArtInvariants"/>.</summary>
    internal abstract void CheckShape();
}
