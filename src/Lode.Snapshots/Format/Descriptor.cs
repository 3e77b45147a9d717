using System.Buffers.Binary;
using System.Text;

namespace Lode.Snapshots.Format;

/// <summary>
/// The descriptor region of a 1.1 file (docs/format.md): per-stream settings, the parent table and the dictionary's
/// location. Present when any of them differs from a 1.0 file; the header holds its offset, length and SHA-256.
/// </summary>
internal sealed record Descriptor(IReadOnlyList<StreamSettings> Streams, IReadOnlyList<ParentEntry> Parents, int DictionaryLength, RegionRef Dictionary)
{
    /// <summary>Bytes before the stream settings.</summary>
    public const int FixedSize = 64;

    /// <summary>The largest parent entry: id length, 64-byte id, root.</summary>
    public const int MaxParentEntrySize = 1 + SnapshotIds.MaxLength + Sha256Digest.Size;

    /// <summary>The largest descriptor a reader accepts, in bytes.</summary>
    public const int MaxSize = FixedSize + (SnapshotLayout.MaxStreams * StreamSettings.Size) + (SnapshotLayout.MaxParents * MaxParentEntrySize);

    /// <summary>"LDSC": the first 4 bytes of a descriptor.</summary>
    public static ReadOnlySpan<byte> Magic => "LDSC"u8;

    /// <summary>Encodes the descriptor.</summary>
    public byte[] Encode()
    {
        int length = FixedSize + (Streams.Count * StreamSettings.Size) + Parents.Sum(p => 1 + p.SnapshotId.Length + Sha256Digest.Size);
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        span[4] = (byte)Streams.Count;
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)Parents.Count);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], DictionaryLength);
        Dictionary.Write(span[16..]);
        int at = FixedSize;
        foreach (var settings in Streams)
        {
            settings.Write(span[at..]);
            at += StreamSettings.Size;
        }
        foreach (var parent in Parents)
        {
            span[at] = (byte)parent.SnapshotId.Length;
            at += 1 + Encoding.ASCII.GetBytes(parent.SnapshotId, span[(at + 1)..]);
            parent.Root.Write(span[at..]);
            at += Sha256Digest.Size;
        }
        return bytes;
    }

    /// <summary>Decodes and checks a descriptor (whose SHA-256 the caller has checked) found at <paramref name="offset"/>.</summary>
    /// <exception cref="SnapshotFormatException">Anything does not fit: the message says what and where.</exception>
    public static Descriptor Decode(ReadOnlySpan<byte> bytes, long offset, int streamCount)
    {
        if (bytes.Length < FixedSize || !bytes.StartsWith(Magic) || bytes[4] != streamCount || bytes[5] != 0
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]) != 0)
        {
            throw new SnapshotFormatException($"The descriptor at offset {offset} has a bad magic, stream count or reserved field.", offset);
        }
        int parentCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]);
        int dictionaryLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var dictionary = RegionRef.Read(bytes[16..]);
        int at = FixedSize;
        var streams = new StreamSettings[streamCount];
        for (int i = 0; i < streamCount; i++)
        {
            if (at + StreamSettings.Size > bytes.Length)
            {
                throw Short(offset, at);
            }
            streams[i] = StreamSettings.Read(bytes[at..], offset + at);
            at += StreamSettings.Size;
        }
        var parents = new ParentEntry[parentCount];
        for (int i = 0; i < parentCount; i++)
        {
            int idLength = at < bytes.Length ? bytes[at] : 0;
            if (at + 1 + idLength + Sha256Digest.Size > bytes.Length)
            {
                throw Short(offset, at);
            }
            string id = Encoding.Latin1.GetString(bytes.Slice(at + 1, idLength));
            if (!SnapshotIds.IsValid(id))
            {
                throw new SnapshotFormatException($"Parent {i} in the descriptor has an invalid snapshot id '{id}'.", offset + at);
            }
            parents[i] = new ParentEntry(id, Sha256Digest.Read(bytes[(at + 1 + idLength)..]));
            at += 1 + idLength + Sha256Digest.Size;
        }
        if (at != bytes.Length)
        {
            throw new SnapshotFormatException($"The descriptor at offset {offset} is {bytes.Length} bytes, but its contents end at {at}.", offset + at);
        }
        return new Descriptor(streams, parents, dictionaryLength, dictionary);
    }

    private static SnapshotFormatException Short(long offset, int at) =>
        new($"The descriptor at offset {offset} ends in the middle of an entry at byte {at}.", offset + at);
}
