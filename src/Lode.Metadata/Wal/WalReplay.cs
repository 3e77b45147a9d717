namespace Lode.Metadata.Wal;

/// <summary>
/// Recovery's second half: replays the log segments from a checkpoint's replay position, in order. A record that
/// fails its checks at the end of the last segment, with no valid record after it, is a torn tail (a write cut
/// short by a crash): it is truncated so later appends are not stranded behind it, and reported. Any other failure
/// (a bad record with valid records after it, a gap between segments, a missing segment, a record whose CRC holds
/// but whose body is malformed) is corruption, reported with the file and offset, never skipped.
/// </summary>
internal static class WalReplay
{
    /// <summary>Replays every record at or after <paramref name="replayLsn"/> into <paramref name="target"/>.</summary>
    /// <exception cref="MetadataCorruptException">The log is damaged other than at its tail, or a segment is missing.</exception>
    public static WalReplayResult Run(string directory, long replayLsn, IWalReplayTarget target)
    {
        var result = new WalReplayResult { EndLsn = replayLsn };
        var segments = WalSegment.List(directory);
        foreach (var (baseLsn, path) in segments.Where(s => s.BaseLsn < replayLsn))
        {
            File.Delete(path); // wholly before the checkpoint: the log a checkpoint truncated but a crash left behind
        }
        segments.RemoveAll(s => s.BaseLsn < replayLsn);
        if (segments.Count == 0)
        {
            if (replayLsn > 0)
            {
                string missing = Path.Combine(directory, WalSegment.FileName(replayLsn));
                throw new MetadataCorruptException(
                    $"The write-ahead log segment {missing} that the checkpoint continues in is missing; the store cannot be recovered past its checkpoint. Restore the directory from a backup (or rebuild the data it holds).",
                    missing, -1);
            }
            return result;
        }
        for (int i = 0; i < segments.Count; i++)
        {
            var (baseLsn, path) = segments[i];
            if (baseLsn != result.EndLsn)
            {
                throw new MetadataCorruptException(
                    $"The write-ahead log has a gap: {path} starts at log address {baseLsn}, but the log before it ends at {result.EndLsn}. A segment is missing or damaged; restore the directory from a backup.",
                    path, 0);
            }
            using var reader = new WalSegmentReader(path, baseLsn);
            reader.Replay(isLast: i == segments.Count - 1, target, result);
            result.LastSegmentPath = path;
            result.LastSegmentBase = baseLsn;
        }
        return result;
    }
}
