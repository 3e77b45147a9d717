using Lode.IO;

namespace Lode.SuffixArrays;

public sealed partial class SuffixArraySearcher
{
    /// <summary>Suffix array entries read per source call when locating.</summary>
    private const int EntriesPerRead = 1 << 14;

    /// <summary>
    /// Reads the text positions of the suffixes in <paramref name="range"/>, in suffix array order (not sorted
    /// by position).
    /// </summary>
    /// <returns>A new array of <c>range.Count</c> positions, owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, n] or has End &lt; Start.</exception>
    /// <exception cref="InvalidDataException">An entry is not a position in the text (corrupt index).</exception>
    /// <exception cref="OverflowException">A position is beyond the int range (a text of 2 GiB or more): use <see cref="CopyPositions"/>.</exception>
    /// <exception cref="IOException">The suffix array source failed to read.</exception>
    public int[] Locate(SuffixRange range)
    {
        CheckRange(range);
        var positions = new int[range.Count];
        Span<long> chunk = new long[Math.Min(EntriesPerRead, positions.Length)];
        for (int done = 0; done < positions.Length; done += chunk.Length)
        {
            var part = chunk[..Math.Min(chunk.Length, positions.Length - done)];
            CopyPositions(new SuffixRange(range.Start + done, range.Start + done + part.Length), part);
            for (int i = 0; i < part.Length; i++)
            {
                positions[done + i] = checked((int)part[i]);
            }
        }
        return positions;
    }

    /// <summary>
    /// Copies the text positions of the suffixes in <paramref name="range"/> (suffix array order) into
    /// <paramref name="destination"/>, which must hold <c>range.Count</c> entries; works for texts of any length.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, n], or the destination is too short.</exception>
    /// <exception cref="InvalidDataException">An entry is not a position in the text (corrupt index).</exception>
    /// <exception cref="IOException">The suffix array source failed to read.</exception>
    public void CopyPositions(SuffixRange range, Span<long> destination)
    {
        CheckRange(range);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, range.Count, nameof(destination));
        var bytes = new byte[(int)Math.Min(EntriesPerRead, Math.Max(1, range.Count)) * _entryBytes];
        for (long done = 0; done < range.Count; done += bytes.Length / _entryBytes)
        {
            int count = (int)Math.Min(bytes.Length / _entryBytes, range.Count - done);
            _suffixArray.ReadExactlyAt((range.Start + done) * _entryBytes, bytes.AsSpan(0, count * _entryBytes));
            for (int i = 0; i < count; i++)
            {
                destination[(int)done + i] = DecodePosition(range.Start + done + i, bytes.AsSpan(i * _entryBytes));
            }
        }
    }

    /// <summary>
    /// Counts the occurrences of <paramref name="pattern"/> (every position for the empty pattern), exactly also
    /// when it is longer than the bounded context (then each candidate is checked against the text).
    /// </summary>
    /// <exception cref="InvalidDataException">A suffix array entry is not a position in the text (corrupt index).</exception>
    /// <exception cref="IOException">A source failed to read.</exception>
    public long Count(ReadOnlySpan<byte> pattern) =>
        pattern.Length > BoundedContext ? Locate(pattern).Length : FindRange(pattern).Count;

    /// <summary>
    /// The text positions where <paramref name="pattern"/> occurs, in suffix array order; when it is longer than
    /// the bounded context, only the candidates that match it in full.
    /// </summary>
    /// <returns>A new array owned by the caller.</returns>
    /// <exception cref="InvalidDataException">A suffix array entry is not a position in the text (corrupt index).</exception>
    /// <exception cref="OverflowException">A position is beyond the int range: use <see cref="CopyPositions"/>.</exception>
    /// <exception cref="IOException">A source failed to read.</exception>
    public int[] Locate(ReadOnlySpan<byte> pattern)
    {
        int[] candidates = Locate(FindRange(pattern));
        if (pattern.Length <= BoundedContext.GetValueOrDefault(int.MaxValue))
        {
            return candidates;
        }
        int context = BoundedContext!.Value;
        var rest = pattern[context..];
        var buffer = new byte[Math.Min(rest.Length, TextChunkBytes * 16)];
        int kept = 0;
        foreach (int position in candidates)
        {
            if (TextMatches(position + (long)context, rest, buffer))
            {
                candidates[kept++] = position;
            }
        }
        return candidates[..kept];
    }

    /// <summary>Whether the text at <paramref name="offset"/> starts with <paramref name="expected"/>.</summary>
    private bool TextMatches(long offset, ReadOnlySpan<byte> expected, byte[] buffer)
    {
        if (offset > _length - expected.Length)
        {
            return false;
        }
        for (int done = 0; done < expected.Length; done += buffer.Length)
        {
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, expected.Length - done));
            _text.ReadExactlyAt(offset + done, chunk);
            if (!chunk.SequenceEqual(expected.Slice(done, chunk.Length)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Reads suffix array entry <paramref name="index"/> into <paramref name="buffer"/> (at least 8 bytes) and checks it.</summary>
    private long ReadPosition(long index, Span<byte> buffer)
    {
        Span<byte> entry = buffer[.._entryBytes];
        _suffixArray.ReadExactlyAt(index * _entryBytes, entry);
        return DecodePosition(index, entry);
    }

    private long DecodePosition(long index, ReadOnlySpan<byte> entry)
    {
        long position = SuffixArrayEntries.Decode(entry, _entryBytes);
        if ((ulong)position >= (ulong)_length)
        {
            throw new InvalidDataException(
                $"Suffix array entry {index} is {position}, not a position in the {_length}-byte text; the index is corrupt, rebuild it.");
        }
        return position;
    }

    private void CheckRange(SuffixRange range)
    {
        if (range.Start < 0 || range.End > _length || range.Start > range.End)
        {
            throw new ArgumentOutOfRangeException(nameof(range),
                $"The range [{range.Start}, {range.End}) is not inside the suffix array of {_length} entries.");
        }
    }
}
