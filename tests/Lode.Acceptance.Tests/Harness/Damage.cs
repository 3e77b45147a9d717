namespace Lode.Acceptance.Tests.Harness;

/// <summary>Simulated storage damage.</summary>
internal static class Damage
{
    /// <summary>Inverts every bit of the byte in the middle of <paramref name="path"/>; returns its offset.</summary>
    /// <exception cref="FileNotFoundException">The object is not a file where the contract's layout puts it.</exception>
    public static long FlipMiddleByte(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"expected a repository object at {path} (the contract's layout)", path);
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        long offset = file.Length / 2;
        file.Position = offset;
        int value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)~value);
        return offset;
    }

    /// <summary>Inverts a byte of the search index inside the snapshot container at <paramref name="path"/>: the
    /// index stream's first block is lz4 (codec of the <c>index</c> stream), which keeps the index header's magic
    /// <c>LODEIDX</c> as a literal, so the byte 64 past it lies in that block. Returns its offset.</summary>
    public static long FlipIndexStreamByte(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int magic = bytes.AsSpan().IndexOf("LODEIDX"u8);
        if (magic < 0)
        {
            throw new InvalidDataException($"no search index stream found in {path}");
        }
        bytes[magic + 64] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        return magic + 64;
    }
}
