namespace Lode.Metadata;

/// <summary>What <see cref="MetadataStore.Open"/> found on disk and did to recover. Immutable.</summary>
public sealed record RecoveryReport
{
    /// <summary>The checkpoint loaded, or null when the store had none (new, or never checkpointed).</summary>
    public string? CheckpointFile { get; init; }

    /// <summary>Keys loaded from the checkpoint.</summary>
    public long CheckpointKeys { get; init; }

    /// <summary>The log address replay started at (the checkpoint's replay position).</summary>
    public long ReplayStartLsn { get; init; }

    /// <summary>Log records replayed after the checkpoint.</summary>
    public long ReplayedRecords { get; init; }

    /// <summary>The log address the store continues at.</summary>
    public long EndLsn { get; init; }

    /// <summary>The segment whose torn tail (an incomplete last write) was cut off, or null when the log ended cleanly.</summary>
    public string? TornTailFile { get; init; }

    /// <summary>The file offset where the torn tail began (the segment's length now); -1 when none.</summary>
    public long TornTailOffset { get; init; } = -1;

    /// <summary>How many bytes the torn tail held.</summary>
    public long TornTailBytes { get; init; }
}
