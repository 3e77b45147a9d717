using System.Buffers.Binary;
using Lode.IO;

namespace Lode.Metadata.Storage;

/// <summary>
/// The <c>MANIFEST</c> file: which checkpoint is current and where the log continues after it. Replaced atomically
/// (written to <c>MANIFEST.tmp</c>, fsynced, renamed over <c>MANIFEST</c>, directory fsynced), so a crash leaves
/// either the old or the new manifest, never a mix. 64 bytes, little-endian:
/// <code>
/// offset size field
///      0    8 magic "LODEMANI"
///      8    4 format version (1)
///     12    4 reserved, zero
///     16    8 checkpoint number (names the file checkpoint-&lt;16 hex digits&gt;.ckpt)
///     24    8 replay LSN: the log address recovery replays from
///     32    8 WAL records before the replay LSN
///     40    8 version clock: no version at or below it will be issued again
///     48    8 keys in the checkpoint
///     56    4 reserved, zero
///     60    4 CRC32C of bytes [0, 60)
/// </code>
/// </summary>
internal sealed record Manifest(long CheckpointNumber, long ReplayLsn, long Records, long Clock, long Keys)
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "MANIFEST";

    private const int Size = 64;
    private const ulong Magic = 0x494E414D45444F4C; // "LODEMANI"
    private const int FormatVersion = 1;

    /// <summary>Reads the manifest of <paramref name="directory"/>; null when there is none (a store never checkpointed).</summary>
    /// <exception cref="MetadataCorruptException">The manifest exists but fails its checks.</exception>
    public static Manifest? Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        long length = new FileInfo(path).Length;
        byte[] bytes = length == Size ? File.ReadAllBytes(path) : [];
        if (bytes.Length != Size || BinaryPrimitives.ReadUInt64LittleEndian(bytes) != Magic
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)) != FormatVersion
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(60)) != Crc32C.Compute(bytes.AsSpan(0, 60)))
        {
            throw new MetadataCorruptException(
                $"The metadata store manifest {path} is damaged ({length} bytes, checks failed); the store cannot find its checkpoint. Restore the directory from a backup.",
                path, 0);
        }
        var manifest = new Manifest(Field(bytes, 16), Field(bytes, 24), Field(bytes, 32), Field(bytes, 40), Field(bytes, 48));
        if (manifest.CheckpointNumber < 0 || manifest.ReplayLsn < 0 || manifest.Records < 0 || manifest.Clock < 0 || manifest.Keys < 0)
        {
            throw new MetadataCorruptException($"The metadata store manifest {path} holds negative counters. Restore the directory from a backup.", path, 16);
        }
        return manifest;
    }

    /// <summary>Makes this the manifest of <paramref name="directory"/>, atomically and durably.</summary>
    public void Write(string directory)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), CheckpointNumber);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), ReplayLsn);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(32), Records);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(40), Clock);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(48), Keys);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(60), Crc32C.Compute(bytes.AsSpan(0, 60)));
        string temporary = Path.Combine(directory, FileName + ".tmp");
        using (var handle = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
        {
            RandomAccess.Write(handle, bytes, 0);
            RandomAccess.FlushToDisk(handle);
        }
        File.Move(temporary, Path.Combine(directory, FileName), overwrite: true);
        Posix.FsyncDirectory(directory);
    }

    private static long Field(byte[] bytes, int offset) => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset));
}
