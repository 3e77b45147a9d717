namespace Lode.Metadata.Wal;

/// <summary>What replaying the write-ahead log found.</summary>
internal sealed class WalReplayResult
{
    /// <summary>The logical address just after the last valid record: where the log continues.</summary>
    public long EndLsn { get; set; }

    /// <summary>Records replayed.</summary>
    public long Records { get; set; }

    /// <summary>The largest version any replayed record carried (0 for none).</summary>
    public long MaxVersion { get; set; }

    /// <summary>The segment the log continues in, or null when there is none yet.</summary>
    public string? LastSegmentPath { get; set; }

    /// <summary>The base LSN of <see cref="LastSegmentPath"/>.</summary>
    public long LastSegmentBase { get; set; }

    /// <summary>The segment whose torn tail was cut off, or null.</summary>
    public string? TornFile { get; set; }

    /// <summary>The file offset where the torn tail started (the file's new length); -1 for none.</summary>
    public long TornOffset { get; set; } = -1;

    /// <summary>How many bytes the torn tail held.</summary>
    public long TornBytes { get; set; }
}
