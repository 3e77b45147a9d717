namespace Lode.Metadata;

/// <summary>A snapshot of a store's counters, taken by <see cref="MetadataStore.Stats"/>. Immutable.</summary>
public sealed record MetadataStoreStats
{
    /// <summary>Keys stored.</summary>
    public long Keys { get; init; }

    /// <summary>The last version issued (the store's logical clock).</summary>
    public long Clock { get; init; }

    /// <summary>Write-ahead log records committed since the store was created. Never reset, also not by checkpoints.</summary>
    public long WalRecords { get; init; }

    /// <summary>The log's end: its logical size in bytes since the store was created.</summary>
    public long WalBytes { get; init; }

    /// <summary>Every log byte below this address is fsynced.</summary>
    public long DurableWalBytes { get; init; }

    /// <summary>Log bytes written since the last checkpoint (what a crash would replay).</summary>
    public long WalBytesSinceCheckpoint { get; init; }

    /// <summary>fsyncs of the log since open; with <see cref="Durability.Sync"/>, fewer than durable writes when group commit shares them.</summary>
    public long WalSyncs { get; init; }

    /// <summary>Checkpoints completed since open.</summary>
    public long Checkpoints { get; init; }

    /// <summary>The message of the last background checkpoint failure, or null. The store keeps logging and retries.</summary>
    public string? LastCheckpointError { get; init; }
}
