namespace Lode.Metadata.Tree;

/// <summary>An unconditional tree write with a given value and version: for replay, checkpoint loading and the writes of a batch or rename (whose log record is already reserved).</summary>
internal readonly ref struct ApplyWrite(ReadOnlySpan<byte> value, long version) : IArtWrite
{
    /// <inheritdoc/>
    public ReadOnlySpan<byte> Value { get; } = value;

    /// <inheritdoc/>
    public long Version { get; } = version;

    /// <inheritdoc/>
    public bool Decide(MetadataRecord? current) => true;
}
