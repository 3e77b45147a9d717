using System.Text;

namespace Lode.Metadata;

/// <summary>
/// One item of a <see cref="MetadataStore.Scan(ScanOptions)"/>: a stored key with its value and version, or,
/// with a delimiter, a common prefix that stands for every key below it (<see cref="IsCommonPrefix"/>).
/// The key buffer is the caller's (freshly allocated per entry); the value buffer is the store's, read-only.
/// </summary>
public readonly struct MetadataEntry
{
    internal MetadataEntry(byte[] key, MetadataRecord? record, bool keysOnly)
    {
        Key = key;
        Record = keysOnly ? null : record;
        Version = record?.Version ?? 0;
        IsCommonPrefix = record is null;
    }

    /// <summary>The key, or the common prefix (ending with the delimiter) when <see cref="IsCommonPrefix"/>.</summary>
    public ReadOnlyMemory<byte> Key { get; }

    /// <summary>The key decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string KeyText => Encoding.UTF8.GetString(Key.Span);

    /// <summary>True when this entry is a common prefix of a delimiter scan rather than a stored key.</summary>
    public bool IsCommonPrefix { get; }

    /// <summary>The record (value and version); null for a common prefix and for keys-only scans.</summary>
    public MetadataRecord? Record { get; }

    /// <summary>The value; empty for a common prefix and for keys-only scans.</summary>
    public ReadOnlyMemory<byte> Value => Record?.Value ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The record's version (also for keys-only scans); 0 for a common prefix.</summary>
    public long Version { get; }
}
