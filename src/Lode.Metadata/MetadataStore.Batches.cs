using Lode.Metadata.Tree;
using Lode.Metadata.Wal;

namespace Lode.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>
    /// Moves the record at <paramref name="from"/> to <paramref name="to"/> (replacing any record there) with a new
    /// version, as one log record. Returns false, writing nothing, when <paramref name="from"/> is absent; true without
    /// writing when the keys are equal.
    /// </summary>
    /// <exception cref="MetadataLimitException">A key is empty or longer than <see cref="MaxKeyBytes"/>.</exception>
    /// <exception cref="MetadataException">The write-ahead log can no longer be written.</exception>
    public bool Rename(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        Limits.CheckedKey(from);
        Limits.CheckedKey(to);
        BeginWrite();
        long end;
        _gate.EnterExclusive();
        try
        {
            MetadataRecord? record = _tree.Find(from);
            if (record is null || from.SequenceEqual(to))
            {
                return record is not null;
            }
            ReadOnlySpan<byte> value = record.ValueSpan;
            int length = WalRecord.RenameSize(from.Length, to.Length, value.Length);
            (long version, long lsn) = _log.Begin(length);
            var put = new ApplyWrite(value, version);
            _tree.Store(to, ref put);
            var delete = new ApplyWrite(default, 0);
            _tree.Remove(from, ref delete);
            _log.CommitRename(lsn, version, from, to, value);
            end = lsn + length;
        }
        finally
        {
            _gate.ExitExclusive();
        }
        EndWrite(end);
        return true;
    }

    /// <summary>Applies a batch all or nothing; see <see cref="Atomic(MetadataBatch, out long)"/>.</summary>
    public bool Atomic(MetadataBatch batch) => Atomic(batch, out _);

    /// <summary>
    /// Checks the batch's guards against the store as it is, and if all hold applies its puts and deletes, in order,
    /// as one log record, every put with the same new version. Returns false, writing nothing, when a guard fails.
    /// A batch with no writes only checks its guards.
    /// </summary>
    /// <param name="batch">The writes and guards.</param>
    /// <param name="version">The version the batch's puts carry; 0 when nothing was written.</param>
    /// <exception cref="MetadataLimitException">The batch encodes to more than the ring (<see cref="MetadataStoreOptions.RingBytes"/>).</exception>
    /// <exception cref="MetadataException">The write-ahead log can no longer be written.</exception>
    public bool Atomic(MetadataBatch batch, out long version)
    {
        ArgumentNullException.ThrowIfNull(batch);
        IReadOnlyList<BatchOperation> operations = batch.Operations;
        long size = WalBatch.Size(operations);
        if (size > _options.RingCapacity)
        {
            throw new MetadataLimitException(
                $"An atomic batch of {operations.Count} operations encodes to {size} bytes of log, more than the ring's {_options.RingCapacity}. Split it, or open the store with a larger RingBytes. Nothing was written.");
        }
        BeginWrite();
        version = 0;
        long end;
        _gate.EnterExclusive();
        try
        {
            if (!operations.All(GuardHolds))
            {
                return false;
            }
            if (!operations.Any(op => op.IsWrite))
            {
                return true;
            }
            (version, long lsn) = _log.Begin((int)size);
            foreach (BatchOperation op in operations)
            {
                var write = new ApplyWrite(op.Value, version);
                _ = op.Kind switch
                {
                    BatchOperationKind.Put => _tree.Store(op.Key, ref write),
                    BatchOperationKind.Delete => _tree.Remove(op.Key, ref write),
                    _ => false,
                };
            }
            _log.CommitBatch(lsn, version, (int)size, operations);
            end = lsn + size;
        }
        finally
        {
            _gate.ExitExclusive();
        }
        EndWrite(end);
        return true;
    }

    private bool GuardHolds(BatchOperation op) => op.Kind switch
    {
        BatchOperationKind.RequireVersion => _tree.Find(op.Key)?.Version == op.Version,
        BatchOperationKind.RequireAbsent => _tree.Find(op.Key) is null,
        BatchOperationKind.RequirePrefixEmpty => IsPrefixEmpty(op.Key),
        _ => true,
    };

    private bool IsPrefixEmpty(byte[] prefix)
    {
        ArtScanner scanner = ArtScanner.Rent(_tree.Root, prefix, null, -1);
        bool empty = !scanner.MoveNext(out _, out _);
        scanner.Return();
        return empty;
    }
}
