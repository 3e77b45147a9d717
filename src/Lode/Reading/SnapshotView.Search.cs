namespace Lode;

/// <summary>Receives one matching line: the file's path, the 1-based line number, the line without its '\n'.</summary>
public delegate void SearchLineHandler(string path, long lineNumber, ReadOnlySpan<byte> line);

public sealed partial class SnapshotView
{
    /// <summary>
    /// Every line of every indexed file that contains <paramref name="pattern"/> as a byte substring, in
    /// <see cref="PathOrder"/> then line order, each line once, answered from the suffix-array index (nothing is
    /// scanned to find matches; a matched file's text is read, checked against its CRC32C, to cut out lines).
    /// An empty pattern matches every line.
    /// </summary>
    /// <param name="pattern">The literal bytes to find; it cannot contain '\n'.</param>
    /// <param name="maxLinesPerFile">At most this many lines per file (ripgrep's <c>--max-count</c>).</param>
    /// <param name="onLine">Called for each matching line, in order, on the calling thread.</param>
    /// <returns>The number of matching lines reported.</returns>
    /// <exception cref="LodeException">The pattern holds a newline.</exception>
    /// <exception cref="CorruptDataException">The index is damaged where the query looked.</exception>
    public long Search(ReadOnlySpan<byte> pattern, long maxLinesPerFile, SearchLineHandler onLine)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        if (pattern.Contains((byte)'\n'))
        {
            throw new LodeException("A search pattern cannot contain a newline: matches never span lines.");
        }
        if (maxLinesPerFile <= 0)
        {
            return 0;
        }
        var index = QueryIndex;
        var matches = pattern.IsEmpty ? null : index.FindMatches(pattern.ToArray());
        long total = 0;
        int cachedBlob = -1;
        byte[] text = [];
        foreach (var entry in Files.Entries)
        {
            int blob = QueryBlobOf(entry);
            if (blob < 0)
            {
                continue;
            }
            int[]? offsets = null;
            if (matches is not null && !matches.TryGetValue(blob, out offsets))
            {
                continue;
            }
            if (blob >= index.BlobCount)
            {
                throw new CorruptDataException($"{Manifest.DataKey} is corrupt: '{entry.Path}' names text blob {blob}, but the index has {index.BlobCount}.");
            }
            if (cachedBlob != blob)
            {
                text = index.ReadBlob(blob);
                cachedBlob = blob;
            }
            var lines = offsets is null ? LineMatcher.AllLines(text, maxLinesPerFile) : LineMatcher.Lines(text, offsets, maxLinesPerFile);
            foreach (var line in lines)
            {
                onLine(entry.Path, line.Number, text.AsSpan(line.Start, line.Length));
            }
            total += lines.Count;
        }
        return total;
    }
}
