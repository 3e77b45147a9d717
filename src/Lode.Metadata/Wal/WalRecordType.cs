namespace Lode.Metadata.Wal;

/// <summary>The kind of a write-ahead log record (the byte at offset 24 of the record).</summary>
internal enum WalRecordType : byte
{
    /// <summary>Store a value under a key.</summary>
    Put = 1,

    /// <summary>Remove a key.</summary>
    Delete = 2,

    /// <summary>Move a record to another key: remove the old key, store its value under the new one.</summary>
    Rename = 3,

    /// <summary>Several puts and deletes applied together (an atomic batch).</summary>
    Batch = 4,
}
