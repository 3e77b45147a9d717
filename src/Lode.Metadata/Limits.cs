namespace Lode.Metadata;

/// <summary>Checks keys and values against the store's limits, throwing <see cref="MetadataLimitException"/>.</summary>
internal static class Limits
{
    /// <summary>Returns <paramref name="key"/> when it is 1 to <see cref="MetadataStore.MaxKeyBytes"/> bytes.</summary>
    public static ReadOnlySpan<byte> CheckedKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty || key.Length > MetadataStore.MaxKeyBytes)
        {
            throw new MetadataLimitException(
                $"A key of {key.Length} bytes is outside the limits: keys are 1 to {MetadataStore.MaxKeyBytes} bytes. Nothing was written.");
        }
        return key;
    }

    /// <summary>Returns <paramref name="value"/> when it is at most <see cref="MetadataStore.MaxValueBytes"/> bytes.</summary>
    public static ReadOnlySpan<byte> CheckedValue(ReadOnlySpan<byte> value)
    {
        if (value.Length > MetadataStore.MaxValueBytes)
        {
            throw new MetadataLimitException(
                $"A value of {value.Length} bytes is over the limit of {MetadataStore.MaxValueBytes} bytes. Store large data elsewhere and keep a reference here. Nothing was written.");
        }
        return value;
    }
}
