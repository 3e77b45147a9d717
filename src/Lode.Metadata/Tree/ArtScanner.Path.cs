namespace Lode.Metadata.Tree;

/// <summary>The scan's path buffer and the classification of path bytes against the bound, prefix and delimiter.</summary>
internal sealed partial class ArtScanner
{
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
        if (!onLower && _delimiter < 0)
        {
            return Verdict.Continue; // past the bound, no rollup: nothing below can be skipped or cut
        }
        if (!onLower)
        {
            int start = Math.Max(from, _prefix.Length);
            int at = start < _pathLength ? _path.AsSpan(start, _pathLength - start).IndexOf((byte)_delimiter) : -1;
            if (at < 0)
            {
                return Verdict.Continue;
            }
            _pathLength = start + at + 1;
            return Verdict.Rollup;
        }
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
