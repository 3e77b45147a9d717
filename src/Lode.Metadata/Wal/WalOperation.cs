namespace Lode.Metadata.Wal;

/// <summary>
/// One key change carried by a write-ahead log record: a put (with its value) or a delete. Every record decodes
/// to a list of these; replay applies them in order. Spans point into the record's buffer.
/// </summary>
internal readonly ref struct WalOperation(bool isDelete, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
{
    /// <summary>True for a delete, false for a put.</summary>
    public bool IsDelete { get; } = isDelete;

    /// <summary>The key changed.</summary>
    public ReadOnlySpan<byte> Key { get; } = key;

    /// <summary>The value stored (empty for a delete).</summary>
    public ReadOnlySpan<byte> Value { get; } = value;
}
