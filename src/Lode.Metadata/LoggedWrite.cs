using Lode.Metadata.Tree;
using Lode.Metadata.Wal;

namespace Lode.Metadata;

/// <summary>What a single-key write requires of the key's current record.</summary>
internal enum WriteCondition
{
    /// <summary>Nothing: write whatever is there.</summary>
    None,

    /// <summary>The key must be absent (put-if-absent).</summary>
    Absent,

    /// <summary>The key must exist with the expected version (compare-and-put).</summary>
    VersionEquals,
}

/// <summary>
/// A single-key put or delete from the public API. Under the lock of the node holding the key it checks its
/// condition, then takes a version and reserves its log record in one step (<see cref="WriteAheadLog.Begin"/>).
/// </summary>
internal ref struct LoggedWrite(WriteAheadLog log, ReadOnlySpan<byte> value, int recordLength, WriteCondition condition, long expected)
    : IArtWrite
{
    /// <inheritdoc/>
    public readonly ReadOnlySpan<byte> Value { get; } = value;

    /// <inheritdoc/>
    public long Version { get; private set; }

    /// <summary>The reserved record's log address (-1 when the store does not log).</summary>
    public long Lsn { get; private set; }

    /// <inheritdoc/>
    public bool Decide(MetadataRecord? current)
    {
        bool holds = condition switch
        {
            WriteCondition.Absent => current is null,
            WriteCondition.VersionEquals => current is not null && current.Version == expected,
            _ => true,
        };
        if (holds)
        {
            (Version, Lsn) = log.Begin(recordLength);
        }
        return holds;
    }
}
