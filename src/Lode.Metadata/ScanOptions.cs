using System.Text;

namespace Lode.Metadata;

/// <summary>
/// What <see cref="MetadataStore.Scan(ScanOptions)"/> returns: keys that start with <see cref="Prefix"/>, strictly
/// after <see cref="StartAfter"/>, in bytewise order, at most <see cref="Limit"/> entries, and with a
/// <see cref="Delimiter"/> the S3-style rollup: a key with the delimiter somewhere after the prefix is replaced by
/// one common prefix (the key up to and including that first delimiter), returned once, in order among the keys.
/// </summary>
/// <example>List one directory of a snapshot, 100 entries a page:
/// <code>
/// var page = store.Scan(new ScanOptions { Prefix = "tree/42/usr/"u8.ToArray(), Delimiter = (byte)'/', Limit = 100 });
/// // next page: StartAfter = the last entry's Key (a key or a common prefix)
/// </code>
/// </example>
public sealed class ScanOptions
{
    /// <summary>Only keys starting with these bytes. Default empty: every key.</summary>
    public ReadOnlyMemory<byte> Prefix { get; init; }

    /// <summary>
    /// When set, only entries (keys and common prefixes) strictly greater than this. To page, pass the last entry's
    /// key; a common prefix skips every key below it.
    /// </summary>
    public ReadOnlyMemory<byte>? StartAfter { get; init; }

    /// <summary>The most entries to return (keys and common prefixes together). Default unlimited; must not be negative.</summary>
    public int Limit { get; init; } = int.MaxValue;

    /// <summary>When true, entries carry keys and versions but no values.</summary>
    public bool KeysOnly { get; init; }

    /// <summary>The rollup byte (usually <c>'/'</c>); null for a flat scan.</summary>
    public byte? Delimiter { get; init; }

    /// <summary>A flat scan of every key that starts with <paramref name="prefix"/> (UTF-8).</summary>
    public static ScanOptions WithPrefix(string prefix) => new() { Prefix = Encoding.UTF8.GetBytes(prefix) };

    /// <summary>A directory listing: keys and common prefixes one level below <paramref name="prefix"/> (UTF-8), split at '/'.</summary>
    public static ScanOptions Directory(string prefix) => new() { Prefix = Encoding.UTF8.GetBytes(prefix), Delimiter = (byte)'/' };
}
