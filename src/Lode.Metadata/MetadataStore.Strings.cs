using System.Text;

namespace Lode.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>The record stored under a UTF-8 key, or null; see <see cref="Get(ReadOnlySpan{byte})"/>.</summary>
    public MetadataRecord? Get(string key) => Get(Utf8(key));

    /// <summary>Stores a UTF-8 value under a UTF-8 key; see <see cref="Put(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    public long Put(string key, string value) => Put(Utf8(key), Utf8(value));

    /// <summary>Stores bytes under a UTF-8 key; see <see cref="Put(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    public long Put(string key, ReadOnlySpan<byte> value) => Put(Utf8(key), value);

    /// <summary>Stores a UTF-8 value under an absent UTF-8 key; see <see cref="PutIfAbsent(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    public bool PutIfAbsent(string key, string value) => PutIfAbsent(Utf8(key), Utf8(value));

    /// <summary>Compare-and-put with UTF-8 key and value; see <see cref="CompareAndPut(ReadOnlySpan{byte}, long, ReadOnlySpan{byte})"/>.</summary>
    public bool CompareAndPut(string key, long expectedVersion, string value) => CompareAndPut(Utf8(key), expectedVersion, Utf8(value));

    /// <summary>Removes a UTF-8 key; see <see cref="Delete(ReadOnlySpan{byte})"/>.</summary>
    public bool Delete(string key) => Delete(Utf8(key));

    /// <summary>Renames between UTF-8 keys; see <see cref="Rename(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    public bool Rename(string from, string to) => Rename(Utf8(from), Utf8(to));

    private static byte[] Utf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encoding.UTF8.GetBytes(text);
    }
}
