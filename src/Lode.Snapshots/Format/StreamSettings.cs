using System.Buffers.Binary;
using Lode.IO;

namespace Lode.Snapshots.Format;

/// <summary>
/// How one stream is cut and compressed. In a file with a descriptor, each stream has a 16-byte entry: codec (u8),
/// level (i8), chunking method (u8), reserved (u8), chunk min, average and max size (i32 each). Without one, every
/// stream uses the header's codec, level and chunking.
/// </summary>
internal sealed record StreamSettings(CompressionCodec Codec, int Level, ChunkingOptions Chunking)
{
    /// <summary>The encoded size in bytes.</summary>
    public const int Size = 16;

    /// <summary>Encodes the settings into <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)Codec;
        destination[1] = (byte)(sbyte)Level;
        destination[2] = (byte)Chunking.Method;
        destination[3] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], Chunking.MinSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Chunking.AverageSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], Chunking.MaxSize);
    }

    /// <summary>Decodes and checks an entry.</summary>
    /// <exception cref="SnapshotFormatException">An unknown codec, a level outside -7..22, or invalid chunking.</exception>
    public static StreamSettings Read(ReadOnlySpan<byte> source, long at)
    {
        var codec = (CompressionCodec)source[0];
        int level = (sbyte)source[1];
        var chunking = new ChunkingOptions(
            (ChunkingMethod)source[2],
            BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[12..]));
        if (!Enum.IsDefined(codec) || level is < SnapshotLayout.MinLevel or > SnapshotLayout.MaxLevel || source[3] != 0)
        {
            throw new SnapshotFormatException($"The stream settings at offset {at} name unknown codec {source[0]} or level {level}.", at);
        }
        try
        {
            chunking.Validate();
        }
        catch (ArgumentException e)
        {
            throw new SnapshotFormatException($"The stream settings at offset {at} have invalid chunking: {e.Message}", at, e);
        }
        return new StreamSettings(codec, level, chunking);
    }
}
