using System.Text;

namespace Lode.Metadata;

/// <summary>
/// One stored value and its version, as returned by <see cref="MetadataStore.Get(ReadOnlySpan{byte})"/>.
/// Immutable: a later write of the same key makes a new record, so a record once returned never changes and may
/// be kept and read from any thread. The store owns the bytes behind <see cref="Value"/>; do not write through them.
/// </summary>
/// <remarks>
/// The record is also the tree's leaf. Its buffer holds the key bytes below the leaf's place in the tree (the
/// part no inner node spells out, as in ART's lazy leaf expansion) followed by the value, in one array.
/// </remarks>
public sealed class MetadataRecord
{
    private readonly byte[] _data;
    private readonly int _suffixLength;

    /// <summary>Makes a record whose key suffix is <paramref name="head"/> + <paramref name="middle"/> + <paramref name="tail"/>.</summary>
    internal MetadataRecord(ReadOnlySpan<byte> head, ReadOnlySpan<byte> middle, ReadOnlySpan<byte> tail,
        ReadOnlySpan<byte> value, long version)
    {
        _suffixLength = head.Length + middle.Length + tail.Length;
        _data = GC.AllocateUninitializedArray<byte>(_suffixLength + value.Length);
        head.CopyTo(_data);
        middle.CopyTo(_data.AsSpan(head.Length));
        tail.CopyTo(_data.AsSpan(head.Length + middle.Length));
        value.CopyTo(_data.AsSpan(_suffixLength));
        Version = version;
    }

    /// <summary>Makes a record whose key suffix is <paramref name="suffix"/>.</summary>
    internal MetadataRecord(ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> value, long version)
        : this(suffix, default, default, value, version)
    {
    }

    /// <summary>The stored value (0 to <see cref="MetadataStore.MaxValueBytes"/> bytes). Read-only; owned by the store.</summary>
    public ReadOnlyMemory<byte> Value => new(_data, _suffixLength, _data.Length - _suffixLength);

    /// <summary>
    /// The record's version: a positive number, unique within the store and larger than the version of every
    /// earlier write of the same key (the store's logical clock at the write). Use it with
    /// <see cref="MetadataStore.CompareAndPut(ReadOnlySpan{byte}, long, ReadOnlySpan{byte})"/>.
    /// </summary>
    public long Version { get; }

    /// <summary>The value decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string ValueText => Encoding.UTF8.GetString(ValueSpan);

    internal ReadOnlySpan<byte> ValueSpan => _data.AsSpan(_suffixLength);

    /// <summary>The key bytes below this leaf's place in the tree.</summary>
    internal ReadOnlySpan<byte> Suffix => _data.AsSpan(0, _suffixLength);

    /// <summary>The same value and version under another key suffix (when the leaf moves up or down the tree).</summary>
    internal MetadataRecord Relocate(ReadOnlySpan<byte> head, ReadOnlySpan<byte> middle, ReadOnlySpan<byte> tail) =>
        new(head, middle, tail, ValueSpan, Version);
}
