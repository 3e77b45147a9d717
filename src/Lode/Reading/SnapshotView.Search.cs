using System.Buffers;
using System.Runtime.InteropServices;

namespace Lode;

/// <summary>Receives one matching line: the file's path, the 1-based line number, the line without its '\n'.</summary>
public delegate void SearchLineHandler(string path, long lineNumber, ReadOnlySpan<byte> line);

public sealed partial class SnapshotView
{
    /// <summary>
    /// Every line of every text file that contains <paramref name="pattern"/> as a byte substring, in
    /// <see cref="PathOrder"/> then line order, each line once. With a search index, each shard's FM-index counts the
    /// pattern first; where the count is small its occurrences are located and only the files holding them are read,
    /// where it is large (locating would cost more than reading) the shard's files are scanned. A snapshot without an
    /// index is scanned whole. Lines are always cut from the snapshot's own stored files (checked by their CRC32Cs),
    /// and every located match is confirmed against them. Files are read in parallel; lines are reported in order.
    /// An empty pattern matches every line. A text file has no NUL byte and at most
    /// <see cref="SearchIndexWriter.MaxIndexedFileSize"/> bytes.
    /// </summary>
    /// <param name="pattern">The literal bytes to find; it cannot contain '\n'.</param>
    /// <param name="maxLinesPerFile">At most this many lines per file (ripgrep's <c>--max-count</c>).</param>
    /// <param name="onLine">Called for each matching line, in order, on the calling thread.</param>
    /// <returns>The number of matching lines reported.</returns>
    /// <exception cref="LodeException">The pattern holds a newline.</exception>
    /// <exception cref="CorruptDataException">The index or a file is damaged where the query looked.</exception>
    public long Search(ReadOnlySpan<byte> pattern, long maxLinesPerFile, SearchLineHandler onLine)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        LineMatcher.RequireSingleLine(pattern);
        if (maxLinesPerFile <= 0)
        {
            return 0;
        }
        byte[] literal = pattern.ToArray();
        var candidates = Candidates(new RepositorySearchPlan(literal));
        var batch = new (FileEntry Entry, byte[] Text, List<MatchedLine> Lines)[Math.Min(candidates.Count, FilesPerBatch)];
        long total = 0;
        for (int first = 0, count; first < candidates.Count; first += count)
        {
            // Files are read and matched in parallel a batch at a time, then reported in order: one synchronisation
            // per batch, not per file (an ordered parallel query cost more than the reading itself).
            long bytes = candidates[first].Entry.Size;
            for (count = 1; count < batch.Length && first + count < candidates.Count && bytes < BytesPerBatch; count++)
            {
                bytes += candidates[first + count].Entry.Size;
            }
            try
            {
                Parallel.For(0, count, i => batch[i] = MatchFile(candidates[first + i], literal, maxLinesPerFile));
            }
            catch (AggregateException e)
            {
                LodeException.ThrowFirst(e);
            }
            for (int i = 0; i < count; i++)
            {
                var (entry, text, lines) = batch[i];
                foreach (var line in lines)
                {
                    onLine(entry.Path, line.Number, text.AsSpan(line.Start, line.Length));
                }
                total += lines.Count;
                ArrayPool<byte>.Shared.Return(text);
                batch[i] = default;
            }
        }
        return total;
    }

    /// <summary>At most this many files, and (past the first file) about <see cref="BytesPerBatch"/> bytes of them, are
    /// read and matched in parallel before their lines are reported: the memory a search holds.</summary>
    private const int FilesPerBatch = 256;

    /// <summary>See <see cref="FilesPerBatch"/>.</summary>
    private const long BytesPerBatch = 64L << 20;

    /// <summary>The files that may hold matches, in path order, each with its located match offsets, or null when it
    /// must be scanned: what <paramref name="plan"/> finds in this snapshot.</summary>
    internal List<(FileEntry Entry, int[]? Offsets)> Candidates(RepositorySearchPlan plan)
    {
        var candidates = new List<(FileEntry, int[]?)>();
        plan.Query(this);
        if (plan.NothingCanMatch(this))
        {
            return candidates; // Nothing anywhere: the file table is not even read.
        }
        foreach (var entry in Files.Entries)
        {
            if (plan.Candidate(this, entry) is var (_, offsets))
            {
                candidates.Add((entry, offsets));
            }
        }
        return candidates;
    }

    /// <summary>Reads a candidate file and cuts out its matching lines: at the located offsets (each confirmed), or
    /// wherever a scan finds the pattern. A scanned file with a NUL byte is binary and has none. The text is an array
    /// rented from <see cref="ArrayPool{T}.Shared"/> (at least the file's size; the lines index into it), which the
    /// caller may return once it is done with the lines.</summary>
    internal (FileEntry Entry, byte[] Text, List<MatchedLine> Lines) MatchFile((FileEntry Entry, int[]? Offsets) candidate,
        byte[] pattern, long maxLines)
    {
        var (entry, offsets) = candidate;
        byte[] rented = ReadWhole(entry);
        var text = rented.AsSpan(0, (int)entry.Size);
        if (offsets is not null)
        {
            foreach (int offset in offsets)
            {
                if (offset > text.Length - pattern.Length || !text.Slice(offset, pattern.Length).SequenceEqual(pattern))
                {
                    throw new CorruptDataException($"The search index of snapshot {Manifest.ShortId} is corrupt: it places a match at byte {offset} of '{entry.Path}', which does not hold it. Rebuild it with 'lode index build'.");
                }
            }
            return (entry, rented, LineMatcher.WithoutByteOrderMark(text, LineMatcher.Lines(text, offsets, maxLines)));
        }
        if (text.Contains((byte)0))
        {
            return (entry, rented, []);
        }
        var lines = pattern.Length == 0 ? LineMatcher.AllLines(text, maxLines) : LineMatcher.Lines(text, CollectionsMarshal.AsSpan(Occurrences(text, pattern)), maxLines);
        return (entry, rented, LineMatcher.WithoutByteOrderMark(text, lines));
    }

    /// <summary>The start of every occurrence of <paramref name="pattern"/> (non-empty) in <paramref name="text"/>, in order.</summary>
    private static List<int> Occurrences(ReadOnlySpan<byte> text, ReadOnlySpan<byte> pattern)
    {
        var found = new List<int>();
        for (int from = 0; ;)
        {
            int at = text[from..].IndexOf(pattern);
            if (at < 0)
            {
                return found;
            }
            found.Add(from + at);
            from += at + 1;
        }
    }

    /// <summary>A whole file's bytes, read from its stored blocks (each checked by its CRC32C), in an array rented from
    /// the shared pool (reused memory costs no page faults; fresh memory about 3 ms per MiB on the machines we measure).</summary>
    private byte[] ReadWhole(FileEntry entry)
    {
        int size = checked((int)entry.Size);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            for (int done = 0; done < size;)
            {
                done += ReadFile(entry, done, bytes.AsSpan(done, size - done));
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(bytes);
            throw;
        }
        return bytes;
    }
}
