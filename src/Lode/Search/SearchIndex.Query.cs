namespace Lode;

internal sealed partial class SearchIndex
{
    /// <summary>
    /// Finds every occurrence of <paramref name="pattern"/> (non-empty) that lies inside one blob, by binary
    /// search over each shard's suffix array (shards in parallel).
    /// </summary>
    /// <returns>For each blob with matches, the sorted distinct offsets of the matches inside the blob.</returns>
    public Dictionary<int, int[]> FindMatches(byte[] pattern)
    {
        var perShard = new Dictionary<int, List<int>>[_shards.Length];
        Parallel.For(0, _shards.Length, i => perShard[i] = FindInShard(i, pattern));
        var result = new Dictionary<int, int[]>();
        foreach (var shard in perShard)
        {
            foreach (var (blob, offsets) in shard)
            {
                var sorted = offsets.ToArray();
                Array.Sort(sorted);
                result.Add(blob, sorted);
            }
        }
        return result;
    }

    private Dictionary<int, List<int>> FindInShard(int index, byte[] pattern)
    {
        var shard = _shards[index];
        var searcher = _searchers[index];
        int[] positions = searcher.Locate(searcher.FindRange(pattern));
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
            if ((long)position + pattern.Length > (long)blob.Offset + blob.Length)
            {
                continue; // The match runs past the end of its file into the next one.
            }
            if (!byBlob.TryGetValue(found, out var list))
            {
                byBlob.Add(found, list = []);
            }
            list.Add(position - blob.Offset);
        }
        return byBlob;
    }
}
