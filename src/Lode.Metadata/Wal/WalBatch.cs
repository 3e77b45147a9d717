namespace Lode.Metadata.Wal;

/// <summary>Encoding of atomic batch records: the writes of a batch, in order; guards are checked, never logged.</summary>
internal static class WalBatch
{
    private const byte PutKind = 1;
    private const byte DeleteKind = 2;

    /// <summary>The size of the batch record carrying the writes of <paramref name="operations"/>.</summary>
    public static long Size(IReadOnlyList<BatchOperation> operations)
    {
        long size = WalRecord.MinSize + 4;
        foreach (BatchOperation op in operations)
        {
            if (op.IsWrite)
            {
                size += 5 + op.Key.Length + (op.Kind == BatchOperationKind.Put ? 4 + op.Value.Length : 0);
            }
        }
        return size;
    }

    /// <summary>Writes the batch body into a record buffer of <see cref="Size"/> bytes.</summary>
    public static void Write(Span<byte> record, IReadOnlyList<BatchOperation> operations)
    {
        var body = new WalBodyWriter(record[WalRecord.HeaderSize..^4]);
        body.Length(operations.Count(op => op.IsWrite));
        foreach (BatchOperation op in operations)
        {
            if (!op.IsWrite)
            {
                continue;
            }
            bool put = op.Kind == BatchOperationKind.Put;
            body.Byte(put ? PutKind : DeleteKind);
            body.Length(op.Key.Length);
            if (put)
            {
                body.Length(op.Value.Length);
            }
            body.Bytes(op.Key);
            if (put)
            {
                body.Bytes(op.Value);
            }
        }
    }

    /// <summary>Reads one operation of a batch body; false when the body is malformed.</summary>
    public static bool TryRead(ref WalBodyReader body, out WalOperation operation)
    {
        operation = default;
        if (!body.TryByte(out byte kind) || kind is not (PutKind or DeleteKind) || !body.TryLength(MetadataStore.MaxKeyBytes, out int keyLength))
        {
            return false;
        }
        int valueLength = 0;
        if (kind == PutKind && !body.TryLength(MetadataStore.MaxValueBytes, out valueLength))
        {
            return false;
        }
        if (!body.TryBytes(keyLength, out ReadOnlySpan<byte> key) || !body.TryBytes(valueLength, out ReadOnlySpan<byte> value))
        {
            return false;
        }
        operation = new WalOperation(kind == DeleteKind, key, value);
        return true;
    }
}
