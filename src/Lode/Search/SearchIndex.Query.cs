using Lode.SuffixArrays;

namespace Lode;

/// <summary>What an index query found: exact match offsets for the blobs of shards where locating was cheaper, and
/// the shards whose blobs are cheaper to scan (the pattern is frequent there).</summary>
/// <param name="Located">For each blob of a located shard with matches, the sorted distinct offsets of the matches inside it.</param>
/// <param name="ScannedShards">Shards whose blobs the caller scans: every blob of such a shard may hold matches.</param>
internal sealed record IndexMatches(Dictionary<int, int[]> Located, bool[] ScannedShards);

internal sealed partial class SearchIndex
{
    // The cost model that decides, per shard, between locating and scanning (docs/benchmarks.md, "Search index
    // format 3"): locating k occurrences costs k LF walks plus loading the FM-index sections the walks touch (each
    // step lands in a random superblock of 65,536 rows, and a walk takes SampleRate / 2 steps on average); scanning
    // reads and searches the shard's text. Measured on the kernel sources (bench search-phases --plan locate|scan, and
    // fm-index's first-touch line), 2 cores.

    /// <summary>Measured cost of locating one occurrence once its sections are loaded, ns: about 32 LF steps, each a
    /// wavelet-tree descent in a random superblock, so bound by cache misses (occurrences spread over the text; adjacent
    /// rows of one pattern cost a quarter of it).</summary>
    internal const double LocateNanoseconds = 24_000;

    /// <summary>Measured cost of loading one byte of FM-index on first use, ns: CRC32C, parsing, and the page faults of
    /// memory lent from the mapped index (1.7 ns in process over memory already touched, about 3 in a fresh process).</summary>
    internal const double LoadNanosecondsPerIndexByte = 3;

    /// <summary>Measured cost of scanning one byte of text for a literal, ns: reading it from the snapshot's compressed
    /// content chunks (whole chunks around each file), decompressing and searching it.</summary>
    internal const double ScanNanosecondsPerByte = 3.6;

    /// <summary>The FM-index's unit of loading, in BWT rows (a superblock), and the SA sample rate the writer uses.</summary>
    private const double SuperblockRows = 65_536, SampleRate = 64;

    /// <summary>Whether locating <paramref name="count"/> occurrences in <paramref name="shard"/> would cost more than
    /// scanning its text, by the cost model above.</summary>
    internal static bool ScanIsCheaper(IndexFormat.ShardRecord shard, long count)
    {
        double locate = (count * LocateNanoseconds) + (TouchedFraction(shard, count) * shard.IndexLength * LoadNanosecondsPerIndexByte);
        return locate > shard.TextLength * ScanNanosecondsPerByte;
    }

    /// <summary>The expected fraction of the FM-index's superblocks that the LF walks of <paramref name="count"/>
    /// occurrences reach (each of their steps lands in a random one).</summary>
    private static double TouchedFraction(IndexFormat.ShardRecord shard, long count)
    {
        double superblocks = Math.Max(1, Math.Ceiling(shard.TextLength / SuperblockRows));
        return 1 - Math.Exp(-count * (SampleRate / 2) / superblocks);
    }

    /// <summary>
    /// Counts <paramref name="pattern"/> (non-empty) in every shard by backward search (shards in parallel), then per
    /// shard either locates every occurrence or, when the count says locating would cost more than scanning the
    /// shard's text, leaves the shard to be scanned. A match that runs past the end of its blob is dropped.
    /// </summary>
    /// <param name="pattern">The literal to find; not empty.</param>
    /// <param name="include">Which shards to query (null: all); the others are left out of the result.</param>
    /// <param name="scan">Null: the cost model decides per shard; true or false: every shard with matches is scanned, or
    /// located.</param>
    /// <exception cref="CorruptDataException">The index is damaged where the query looked.</exception>
    public IndexMatches FindMatches(byte[] pattern, Func<int, bool>? include = null, bool? scan = null)
    {
        var perShard = new Dictionary<int, int[]>?[_shards.Length];
        var scanned = new bool[_shards.Length];
        try
        {
            Parallel.For(0, _shards.Length, i =>
            {
                if (include?.Invoke(i) != false)
                {
                    FindInShard(i, pattern, scan, perShard, scanned);
                }
            });
        }
        catch (AggregateException e)
        {
            LodeException.ThrowFirst(e);
        }
        var located = new Dictionary<int, int[]>();
        foreach (var shard in perShard)
        {
            foreach (var (blob, offsets) in shard ?? [])
            {
                located.Add(blob, offsets);
            }
        }
        return new IndexMatches(located, scanned);
    }

    /// <summary>Counts the pattern in shard <paramref name="i"/>; locates it there or marks the shard to be scanned.</summary>
    private void FindInShard(int i, byte[] pattern, bool? scan, Dictionary<int, int[]>?[] perShard, bool[] scanned)
    {
        try
        {
            var index = FmIndexOf(i);
            var range = index.Count(pattern);
            if (range.Count == 0)
            {
                return;
            }
            if (scan ?? ScanIsCheaper(_shards[i], range.Count))
            {
                scanned[i] = true;
                return;
            }
            var positions = new int[range.Count];
            index.Locate(range, positions);
            perShard[i] = ByBlob(i, positions, pattern.Length);
        }
        catch (FmIndexFormatException e)
        {
            throw Damaged(i, e);
        }
    }

    /// <summary>The shard a blob lies in.</summary>
    public int ShardOf(int blob) => _blobs[blob].Shard;

    /// <summary>Groups a shard's text positions by the blob holding them, as sorted offsets inside each blob.</summary>
    private Dictionary<int, int[]> ByBlob(int index, int[] positions, int patternLength)
    {
        var shard = _shards[index];
        var byBlob = new Dictionary<int, List<int>>();
        int first = shard.FirstBlob;
        int end = shard.FirstBlob + shard.BlobCount;
        foreach (int position in positions)
        {
            // The blob holding the position: the last blob of the shard whose offset is <= position.
            int lo = first, hi = end - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_blobs[mid].Offset <= position)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            if (found < 0)
            {
                continue;
            }
            var blob = _blobs[found];
            // Blobs of length 0 share an offset with the next: the search above already took the last one.
            if ((long)position + patternLength > (long)blob.Offset + blob.Length)
            {
                continue; // The match runs past the end of its file into the next one.
            }
            if (!byBlob.TryGetValue(found, out var list))
            {
                byBlob.Add(found, list = []);
            }
            list.Add(position - blob.Offset);
        }
        var result = new Dictionary<int, int[]>(byBlob.Count);
        foreach (var (blob, list) in byBlob)
        {
            var sorted = list.ToArray();
            Array.Sort(sorted);
            result.Add(blob, sorted);
        }
        return result;
    }
}
