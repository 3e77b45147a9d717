using System.Text;

namespace Lode;

public sealed partial class Repository
{
    /// <summary>
    /// Every distinct matching line of every snapshot, at the cost of searching the repository's unique text once:
    /// an index shard that several snapshots' indexes share (carried by reference) is counted and located once, a
    /// file's contents that several snapshots (or paths) hold are read and matched once, and a line found at the same
    /// path and line number with the same text in several snapshots is reported once, with all of them. Lines come in
    /// <see cref="PathOrder"/>, then line number, then text (bytewise). Snapshots without an index are scanned.
    /// </summary>
    /// <param name="pattern">The literal bytes to find; it cannot contain '\n'. Empty matches every line.</param>
    /// <param name="maxLinesPerFile">At most this many lines per file of each snapshot (ripgrep's <c>--max-count</c>).</param>
    /// <param name="onLine">Called for each distinct matching line, in order, on the calling thread.</param>
    /// <returns>The number of distinct lines reported.</returns>
    /// <exception cref="LodeException">The pattern holds a newline, or the repository has no snapshots.</exception>
    /// <exception cref="CorruptDataException">An index or a file is damaged where the query looked.</exception>
    public long SearchAll(ReadOnlySpan<byte> pattern, long maxLinesPerFile, SearchAllLineHandler onLine)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        LineMatcher.RequireSingleLine(pattern);
        var manifests = ListSnapshots();
        if (manifests.Count == 0)
        {
            throw new LodeException($"The repository at {Location} has no snapshots yet; take one with 'lode snapshot DIR'.");
        }
        var views = new List<SnapshotView>(manifests.Count);
        try
        {
            foreach (var manifest in manifests)
            {
                views.Add(OpenSnapshot(manifest));
            }
            return maxLinesPerFile <= 0 ? 0 : SearchAll(views, pattern.ToArray(), maxLinesPerFile, onLine);
        }
        finally
        {
            foreach (var view in views)
            {
                view.Dispose();
            }
        }
    }

    private static long SearchAll(List<SnapshotView> views, byte[] pattern, long maxLines, SearchAllLineHandler onLine)
    {
        var plan = new RepositorySearchPlan(pattern);
        foreach (var view in views)
        {
            plan.Query(view);
        }
        // Each distinct contents once: (the first snapshot and file holding it, its located offsets or null to scan).
        var work = new Dictionary<UInt128, (SnapshotView View, FileEntry Entry, int[]? Offsets)>();
        var files = new List<(int Snapshot, string Path, UInt128 Contents)>();
        for (int s = 0; s < views.Count; s++)
        {
            foreach (var entry in views[s].Files.Entries)
            {
                if (plan.Candidate(views[s], entry) is var (contents, offsets))
                {
                    work.TryAdd(contents, (views[s], entry, offsets));
                    files.Add((s, entry.Path, contents));
                }
            }
        }
        Dictionary<UInt128, (byte[] Text, List<MatchedLine> Lines)> matched;
        try
        {
            matched = work.AsParallel().ToDictionary(w => w.Key, w =>
            {
                var (_, text, lines) = w.Value.View.MatchFile((w.Value.Entry, w.Value.Offsets), pattern, maxLines);
                return (text, lines);
            });
        }
        catch (AggregateException e)
        {
            LodeException.ThrowFirst(e);
            throw;
        }
        return Report(views, files, matched, onLine);
    }

    /// <summary>Groups every snapshot's matching lines by (path, line number, text) and reports each group once, in order.</summary>
    private static long Report(List<SnapshotView> views, List<(int Snapshot, string Path, UInt128 Contents)> files,
        Dictionary<UInt128, (byte[] Text, List<MatchedLine> Lines)> matched, SearchAllLineHandler onLine)
    {
        // Latin-1 maps each byte to one char, so the key is the line's bytes exactly and ordinal order is byte order.
        var hits = new Dictionary<(string Path, long Line, string Text), List<int>>();
        foreach (var (snapshot, path, contents) in files)
        {
            var (text, lines) = matched[contents];
            foreach (var line in lines)
            {
                var key = (path, line.Number, Encoding.Latin1.GetString(text, line.Start, line.Length));
                if (!hits.TryGetValue(key, out var snapshots))
                {
                    hits.Add(key, snapshots = []);
                }
                if (snapshots.Count == 0 || snapshots[^1] != snapshot)
                {
                    snapshots.Add(snapshot);
                }
            }
        }
        foreach (var ((path, number, text), snapshots) in hits
            .OrderBy(h => h.Key.Path, PathOrder.Instance).ThenBy(h => h.Key.Line).ThenBy(h => h.Key.Text, StringComparer.Ordinal))
        {
            onLine([.. snapshots.Select(s => views[s].Manifest)], path, number, Encoding.Latin1.GetBytes(text));
        }
        return hits.Count;
    }
}
