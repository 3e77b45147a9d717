namespace Lode.Metadata.Wal;

/// <summary>Decodes checked records into key changes. Every write record is blind (it carries the values it stores), so replay is idempotent.</summary>
internal static class WalRecordDecoder
{
    /// <summary>
    /// Applies the changes of a checked record (<see cref="WalRecord.Check"/> passed) to <paramref name="target"/>.
    /// Returns false, applying nothing, when the body is malformed or the type unknown.
    /// </summary>
    public static bool Apply(ReadOnlySpan<byte> record, IWalReplayTarget target)
    {
        long version = WalRecord.VersionOf(record);
        var body = new WalBodyReader(WalRecord.BodyOf(record));
        switch (WalRecord.TypeOf(record))
        {
            case WalRecordType.Put:
                if (!TryKeyAndValue(ref body, out var key, out var value) || !body.AtEnd)
                {
                    return false;
                }
                target.Put(key, value, version);
                return true;
            case WalRecordType.Delete:
                if (!body.TryLength(MetadataStore.MaxKeyBytes, out int length) || !body.TryBytes(length, out key) || !body.AtEnd)
                {
                    return false;
                }
                target.Delete(key);
                return true;
            case WalRecordType.Rename:
                return ApplyRename(ref body, version, target);
            case WalRecordType.Batch:
                return ApplyBatch(body, version, target);
            default:
                return false;
        }
    }

    private static bool TryKeyAndValue(ref WalBodyReader body, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        key = default;
        value = default;
        return body.TryLength(MetadataStore.MaxKeyBytes, out int keyLength) && body.TryLength(MetadataStore.MaxValueBytes, out int valueLength)
            && body.TryBytes(keyLength, out key) && body.TryBytes(valueLength, out value);
    }

    private static bool ApplyRename(ref WalBodyReader body, long version, IWalReplayTarget target)
    {
        if (!body.TryLength(MetadataStore.MaxKeyBytes, out int fromLength) || !body.TryLength(MetadataStore.MaxKeyBytes, out int toLength)
            || !body.TryLength(MetadataStore.MaxValueBytes, out int valueLength) || !body.TryBytes(fromLength, out var from)
            || !body.TryBytes(toLength, out var to) || !body.TryBytes(valueLength, out var value) || !body.AtEnd)
        {
            return false;
        }
        target.Delete(from);
        target.Put(to, value, version);
        return true;
    }

    /// <summary>Validates the whole batch body before applying any of it, so a malformed batch changes nothing.</summary>
    private static bool ApplyBatch(WalBodyReader body, long version, IWalReplayTarget target)
    {
        if (!body.TryLength(int.MaxValue, out int count))
        {
            return false;
        }
        WalBodyReader check = body;
        for (int i = 0; i < count; i++)
        {
            if (!WalBatch.TryRead(ref check, out _))
            {
                return false;
            }
        }
        if (!check.AtEnd)
        {
            return false;
        }
        for (int i = 0; i < count; i++)
        {
            WalBatch.TryRead(ref body, out WalOperation op);
            if (op.IsDelete)
            {
                target.Delete(op.Key);
            }
            else
            {
                target.Put(op.Key, op.Value, version);
            }
        }
        return true;
    }
}
