using System.Text;

namespace Lode.Metadata;

/// <summary>
/// Puts, deletes and guards for <see cref="MetadataStore.Atomic(MetadataBatch)"/>: applied all or nothing, as one
/// write-ahead log record. Guards are checked against the store as it is before the batch, whatever their position;
/// writes apply in the order added (a later write of the same key wins) and all carry the same new version.
/// Keys and values are copied when added, and checked against the limits then (<see cref="MetadataLimitException"/>).
/// Not thread-safe; reusable after <see cref="MetadataStore.Atomic(MetadataBatch)"/> returns.
/// </summary>
public sealed class MetadataBatch
{
    private readonly List<BatchOperation> _operations = [];

    /// <summary>The number of writes and guards added.</summary>
    public int Count => _operations.Count;

    internal IReadOnlyList<BatchOperation> Operations => _operations;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    public MetadataBatch Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        Add(BatchOperationKind.Put, key, Limits.CheckedValue(value).ToArray(), 0);

    /// <summary>Stores a UTF-8 value under a UTF-8 key.</summary>
    public MetadataBatch Put(string key, string value) => Put(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value));

    /// <summary>Removes <paramref name="key"/> (nothing happens when it is absent).</summary>
    public MetadataBatch Delete(ReadOnlySpan<byte> key) => Add(BatchOperationKind.Delete, key, [], 0);

    /// <summary>Removes a UTF-8 key.</summary>
    public MetadataBatch Delete(string key) => Delete(Encoding.UTF8.GetBytes(key));

    /// <summary>Guard: <paramref name="key"/> exists with exactly <paramref name="version"/>.</summary>
    public MetadataBatch RequireVersion(ReadOnlySpan<byte> key, long version) => Add(BatchOperationKind.RequireVersion, key, [], version);

    /// <summary>Guard: a UTF-8 key exists with exactly <paramref name="version"/>.</summary>
    public MetadataBatch RequireVersion(string key, long version) => RequireVersion(Encoding.UTF8.GetBytes(key), version);

    /// <summary>Guard: <paramref name="key"/> does not exist.</summary>
    public MetadataBatch RequireAbsent(ReadOnlySpan<byte> key) => Add(BatchOperationKind.RequireAbsent, key, [], 0);

    /// <summary>Guard: a UTF-8 key does not exist.</summary>
    public MetadataBatch RequireAbsent(string key) => RequireAbsent(Encoding.UTF8.GetBytes(key));

    /// <summary>Guard: no key starts with <paramref name="prefix"/> (which may be empty: the store is empty).</summary>
    public MetadataBatch RequirePrefixEmpty(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length > MetadataStore.MaxKeyBytes)
        {
            throw new MetadataLimitException($"A prefix of {prefix.Length} bytes is longer than the longest key ({MetadataStore.MaxKeyBytes} bytes).");
        }
        _operations.Add(new BatchOperation(BatchOperationKind.RequirePrefixEmpty, prefix.ToArray(), [], 0));
        return this;
    }

    /// <summary>Guard: no key starts with a UTF-8 prefix.</summary>
    public MetadataBatch RequirePrefixEmpty(string prefix) => RequirePrefixEmpty(Encoding.UTF8.GetBytes(prefix));

    /// <summary>Removes every write and guard.</summary>
    public void Clear() => _operations.Clear();

    private MetadataBatch Add(BatchOperationKind kind, ReadOnlySpan<byte> key, byte[] value, long version)
    {
        _operations.Add(new BatchOperation(kind, Limits.CheckedKey(key).ToArray(), value, version));
        return this;
    }
}
