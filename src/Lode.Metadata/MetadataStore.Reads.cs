using Lode.Metadata.Tree;

namespace Lode.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>The record stored under <paramref name="key"/>, or null. Lock-free; sees every write that returned before it started.</summary>
    /// <exception cref="MetadataLimitException">The key is empty or longer than <see cref="MaxKeyBytes"/>.</exception>
    public MetadataRecord? Get(ReadOnlySpan<byte> key) => _tree.Find(Limits.CheckedKey(key));

    /// <summary>
    /// The entries <paramref name="options"/> select, in bytewise key order, produced lazily as the caller enumerates.
    /// Lock-free and never blocked by writers: each entry existed, with the value returned, at some moment of the
    /// enumeration, and a key present throughout is always returned (no snapshot isolation). A delimiter listing
    /// costs in proportion to the entries it returns: the keys under each common prefix are skipped, not read.
    /// </summary>
    /// <exception cref="MetadataLimitException">The prefix or bound is longer than <see cref="MaxKeyBytes"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is negative.</exception>
    public IEnumerable<MetadataEntry> Scan(ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit);
        if (options.Prefix.Length > MaxKeyBytes || options.StartAfter?.Length > MaxKeyBytes)
        {
            throw new MetadataLimitException($"A scan prefix or bound is longer than the longest key ({MaxKeyBytes} bytes).");
        }
        return Enumerate(options.Prefix.ToArray(), options.StartAfter?.ToArray(), options.Delimiter ?? -1, options.Limit, options.KeysOnly);
    }

    private IEnumerable<MetadataEntry> Enumerate(byte[] prefix, byte[]? startAfter, int delimiter, int limit, bool keysOnly)
    {
        ArtScanner scanner = ArtScanner.Rent(_tree.Root, prefix, startAfter, delimiter);
        try
        {
            for (int n = 0; n < limit && scanner.MoveNext(out byte[] key, out MetadataRecord? record); n++)
            {
                yield return new MetadataEntry(key, record, keysOnly);
            }
        }
        finally
        {
            scanner.Return();
        }
    }
}
