namespace Lode.Metadata.Tree;

/// <summary>
/// An ordered scan of the tree: keys with a given prefix, after a lower bound, optionally rolled up at a delimiter
/// (S3's common prefixes). Lock-free: each node is read as a validated copy; when a node on the way down has changed
/// since its parent was copied, the scan re-seeks from the root just after the last key it produced, so it never
/// repeats or reorders keys. Each key produced existed, with the value produced, at some moment of the scan; a key
/// present for the whole scan is always produced.
/// </summary>
/// <remarks>
/// Cost: the scan visits only nodes on the paths to the entries it returns. Subtrees wholly before the bound are
/// skipped by their first differing byte; a subtree below a common prefix is skipped whole the moment the
/// delimiter appears in its path, so a delimiter listing costs O(entries returned × key length), not O(keys below).
/// Not thread-safe: one scanner per enumeration.
/// </remarks>
internal sealed class ArtScanner
{
    private readonly ArtNode _root;
    private readonly byte[] _prefix;
    private readonly int _delimiter;
    private readonly List<ScanFrame> _frames = [];
    private byte[] _lower;
    private bool _lowerInclusive;
    private byte[] _path = new byte[64];
    private int _pathLength;
    private int _depth = -1;
    private bool _done;

    /// <summary>Prepares a scan of keys that start with <paramref name="prefix"/> and are after <paramref name="startAfter"/> (when given).</summary>
    /// <param name="root">The tree's root.</param>
    /// <param name="prefix">Every key produced starts with these bytes.</param>
    /// <param name="startAfter">When not null, every key (and common prefix) produced is strictly greater.</param>
    /// <param name="delimiter">A byte, or -1 for none: keys that contain it after the prefix roll up into one common prefix each.</param>
    public ArtScanner(ArtNode root, byte[] prefix, byte[]? startAfter, int delimiter)
    {
        _root = root;
        _prefix = prefix;
        _delimiter = delimiter;
        (_lower, _lowerInclusive) = (prefix, true);
        if (startAfter is not null && startAfter.AsSpan().SequenceCompareTo(prefix) >= 0)
        {
            // A bound at or past the prefix: keys after it that still have the prefix, or none when it leaves the prefix.
            _done = !startAfter.AsSpan().StartsWith(prefix);
            (_lower, _lowerInclusive) = (startAfter, false);
        }
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
            if (frame.Next == frame.Count)
            {
                _depth--;
                if (_depth < 0)
                {
                    _done = true;
                }
                continue;
            }
            int i = frame.Next++;
            Append(frame.EdgeAt(i));
            bool onLower = frame.OnLower;
            Verdict verdict = Classify(_pathLength - 1, ref onLower);
            if (verdict == Verdict.Continue && frame.ChildAt(i) is MetadataRecord leaf)
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
                verdict = Descend((ArtNode)frame.ChildAt(i), frame, onLower);
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

    /// <summary>What the bytes just added to the path mean for the subtree below them.</summary>
    private enum Verdict
    {
        /// <summary>Keep going: the subtree may hold keys to produce.</summary>
        Continue,

        /// <summary>The subtree lies wholly before the bound (or under an already produced common prefix).</summary>
        Skip,

        /// <summary>The subtree lies wholly after the prefix: the scan is finished.</summary>
        Stop,

        /// <summary>The delimiter appeared: the path up to it is a common prefix to produce; the subtree is skipped.</summary>
        Rollup,
    }

    /// <summary>
    /// Classifies the path bytes from <paramref name="from"/> to the end against the lower bound, the prefix and the
    /// delimiter. On <see cref="Verdict.Rollup"/> the path is cut just after the delimiter.
    /// </summary>
    private Verdict Classify(int from, ref bool onLower)
    {
        for (int j = from; j < _pathLength; j++)
        {
            byte b = _path[j];
            if (onLower)
            {
                if (j >= _lower.Length)
                {
                    onLower = false;
                }
                else if (b != _lower[j])
                {
                    if (b < _lower[j])
                    {
                        return Verdict.Skip;
                    }
                    if (j < _prefix.Length)
                    {
                        return Verdict.Stop;
                    }
                    onLower = false;
                }
            }
            if (b == _delimiter && j >= _prefix.Length)
            {
                // A common prefix on the bound's own path is not after the bound: skip its subtree.
                _pathLength = j + 1;
                return onLower ? Verdict.Skip : Verdict.Rollup;
            }
        }
        return Verdict.Continue;
    }

    /// <summary>
    /// Copies an inner node into a new frame and classifies its prefix. The parent is validated after the copy:
    /// if it changed (a split or collapse may have rewritten the child's prefix), the scan re-seeks.
    /// </summary>
    private Verdict Descend(ArtNode child, ScanFrame parent, bool onLower)
    {
        int depth = _depth;
        if (!Enter(child, ref depth) || !parent.Node.Validate(parent.Version))
        {
            Reseek();
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

    /// <summary>Copies <paramref name="node"/> into the frame above <paramref name="depth"/> and appends its prefix to the path.</summary>
    private bool Enter(ArtNode node, ref int depth)
    {
        if (_frames.Count == depth + 1)
        {
            _frames.Add(new ScanFrame());
        }
        ScanFrame frame = _frames[depth + 1];
        if (!frame.TryCopy(node))
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

    private void Append(byte b)
    {
        EnsureRoom(1);
        _path[_pathLength++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureRoom(bytes.Length);
        bytes.CopyTo(_path.AsSpan(_pathLength));
        _pathLength += bytes.Length;
    }

    private void EnsureRoom(int more)
    {
        if (_pathLength + more > _path.Length)
        {
            Array.Resize(ref _path, Math.Max(_path.Length * 2, _pathLength + more));
        }
    }
}
