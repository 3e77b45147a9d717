namespace Lode.Metadata.Tree;

/// <summary>
/// An ordered scan of the tree: keys with a given prefix, after a lower bound, optionally rolled up at a delimiter
/// (S3's common prefixes). Lock-free: every read of a node (its prefix, one child) is validated against the node's
/// version; when a node on the way down has been replaced whole, the scan re-seeks from the root just after the
/// last key it produced, so it never repeats or reorders keys. Each key produced existed, with the value produced, at some moment of the scan; a key
/// present for the whole scan is always produced.
/// </summary>
/// <remarks>
/// Cost: the scan visits only nodes on the paths to the entries it returns. Subtrees wholly before the bound are
/// skipped by their first differing byte; a subtree below a common prefix is skipped whole the moment the
/// delimiter appears in its path, so a delimiter listing costs O(entries returned × key length), not O(keys below).
/// Not thread-safe: one scanner per enumeration.
/// </remarks>
internal sealed partial class ArtScanner
{
    [ThreadStatic]
    private static ArtScanner? t_cached;

    private readonly List<ScanFrame> _frames = [];
    private ArtNode _root = null!;
    private byte[] _prefix = [];
    private int _delimiter;
    private byte[] _lower = [];
    private bool _lowerInclusive;
    private byte[] _path = new byte[64];
    private int _pathLength;
    private int _depth;
    private bool _done;

    private ArtScanner()
    {
    }

    /// <summary>
    /// A scanner, reused from this thread's cache when there is one (a scan allocates no frames or path buffer
    /// then), of keys that start with <paramref name="prefix"/> and are after <paramref name="startAfter"/> (when given).
    /// Hand it back with <see cref="Return"/> when done.
    /// </summary>
    /// <param name="root">The tree's root.</param>
    /// <param name="prefix">Every key produced starts with these bytes.</param>
    /// <param name="startAfter">When not null, every key (and common prefix) produced is strictly greater.</param>
    /// <param name="delimiter">A byte, or -1 for none: keys that contain it after the prefix roll up into one common prefix each.</param>
    public static ArtScanner Rent(ArtNode root, byte[] prefix, byte[]? startAfter, int delimiter)
    {
        ArtScanner scanner = t_cached ?? new ArtScanner();
        t_cached = null;
        (scanner._root, scanner._prefix, scanner._delimiter) = (root, prefix, delimiter);
        (scanner._lower, scanner._lowerInclusive, scanner._pathLength, scanner._depth, scanner._done) = (prefix, true, 0, -1, false);
        if (startAfter is not null && startAfter.AsSpan().SequenceCompareTo(prefix) >= 0)
        {
            // A bound at or past the prefix: keys after it that still have the prefix, or none when it leaves the prefix.
            scanner._done = !startAfter.AsSpan().StartsWith(prefix);
            (scanner._lower, scanner._lowerInclusive) = (startAfter, false);
        }
        return scanner;
    }

    /// <summary>Gives the scanner back to this thread's cache; it must not be used afterwards.</summary>
    public void Return()
    {
        (_root, _prefix, _lower) = (null!, [], []);
        t_cached = this;
    }

    /// <summary>
    /// The next entry: a stored key with its record, or a common prefix (ending with the delimiter) with a null
    /// record. False when the scan is finished. The key array is new for each entry and belongs to the caller.
    /// </summary>
    public bool MoveNext(out byte[] key, out MetadataRecord? record)
    {
        while (!_done)
        {
            if (_depth < 0)
            {
                Enter(_root, ref _depth);
                continue;
            }
            ScanFrame frame = _frames[_depth];
            _pathLength = frame.PathEnd;
            if (frame.End is { } end)
            {
                frame.End = null;
                if (!frame.OnLower || (_pathLength == _lower.Length && _lowerInclusive))
                {
                    return Produce(end, out key, out record);
                }
                continue;
            }
            if (frame.LastEdge < 0 && frame.OnLower && _pathLength < _lower.Length)
            {
                frame.LastEdge = _lower[_pathLength] - 1; // children below the bound's next byte are all before it
            }
            int next = frame.TryNext(out byte edge, out object? child);
            if (next <= 0)
            {
                if (next < 0)
                {
                    Reseek();
                }
                else if (--_depth < 0)
                {
                    _done = true;
                }
                continue;
            }
            Append(edge);
            bool onLower = frame.OnLower;
            Verdict verdict = Classify(_pathLength - 1, ref onLower);
            if (verdict == Verdict.Continue && child is MetadataRecord leaf)
            {
                Append(leaf.Suffix);
                verdict = Classify(_pathLength - leaf.Suffix.Length, ref onLower);
                if (verdict == Verdict.Continue && (!onLower || (_pathLength == _lower.Length && _lowerInclusive)))
                {
                    return Produce(leaf, out key, out record);
                }
            }
            else if (verdict == Verdict.Continue)
            {
                verdict = Descend((ArtNode)child!, frame, edge, onLower);
            }
            if (verdict == Verdict.Rollup)
            {
                return Produce(null, out key, out record);
            }
            _done = verdict == Verdict.Stop;
        }
        (key, record) = ([], null);
        return false;
    }

    /// <summary>
    /// Enters an inner node and classifies its prefix. The parent is validated after the child's prefix is read: if
    /// it changed (a split or collapse may have moved the child), the parent's slot is read again instead.
    /// </summary>
    private Verdict Descend(ArtNode child, ScanFrame parent, byte edge, bool onLower)
    {
        int depth = _depth;
        if (!Enter(child, ref depth) || !parent.Node.Validate(parent.Version))
        {
            parent.Revisit(edge);
            return Verdict.Skip;
        }
        ScanFrame frame = _frames[depth];
        Verdict verdict = Classify(_pathLength - frame.Prefix.Length, ref onLower);
        if (verdict == Verdict.Continue)
        {
            frame.OnLower = onLower;
            _depth = depth;
        }
        return verdict;
    }

    /// <summary>Enters <paramref name="node"/> in the frame above <paramref name="depth"/> and appends its prefix to the path; false when it is obsolete.</summary>
    private bool Enter(ArtNode node, ref int depth)
    {
        if (_frames.Count == depth + 1)
        {
            _frames.Add(new ScanFrame());
        }
        ScanFrame frame = _frames[depth + 1];
        if (!frame.TryEnter(node))
        {
            return false;
        }
        depth++;
        Append(frame.Prefix);
        frame.PathEnd = _pathLength;
        frame.OnLower = true;
        return true;
    }

    /// <summary>Starts again from the root, just after the last entry produced (the tree changed under the scan).</summary>
    private void Reseek()
    {
        _depth = -1;
        _pathLength = 0;
    }

    private bool Produce(MetadataRecord? record, out byte[] key, out MetadataRecord? produced)
    {
        key = _path.AsSpan(0, _pathLength).ToArray();
        produced = record;
        (_lower, _lowerInclusive) = (key, false);
        return true;
    }
}
