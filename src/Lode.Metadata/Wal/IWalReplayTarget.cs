namespace Lode.Metadata.Wal;

/// <summary>Where replay applies the key changes of decoded write-ahead log records, in log order.</summary>
internal interface IWalReplayTarget
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> with <paramref name="version"/> (replacing any record).</summary>
    void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long version);

    /// <summary>Removes <paramref name="key"/> if present.</summary>
    void Delete(ReadOnlySpan<byte> key);
}
