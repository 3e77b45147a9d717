namespace Lode.ObjectStorage.Tests;

/// <summary>Deterministic test contents, and self-checking payloads that prove a read saw one whole object.</summary>
internal static class Payloads
{
    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static MemoryStream Stream(byte[] bytes) => new(bytes, writable: false);

    /// <summary>A payload whose first 4 bytes name the seed that determines its length and every other byte.</summary>
    public static byte[] SelfChecking(int seed)
    {
        var bytes = new byte[LengthOf(seed)];
        BitConverter.TryWriteBytes(bytes, seed);
        for (int i = 4; i < bytes.Length; i++)
        {
            bytes[i] = ByteAt(seed, i);
        }
        return bytes;
    }

    /// <summary>Whether <paramref name="bytes"/> is exactly one whole <see cref="SelfChecking"/> payload.</summary>
    public static bool IsWholeSelfChecking(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            return false;
        }
        int seed = BitConverter.ToInt32(bytes);
        if (seed < 0 || bytes.Length != LengthOf(seed))
        {
            return false;
        }
        for (int i = 4; i < bytes.Length; i++)
        {
            if (bytes[i] != ByteAt(seed, i))
            {
                return false;
            }
        }
        return true;
    }

    private static int LengthOf(int seed) => 4 + (int)((uint)(seed * 7919) % 200_000);

    private static byte ByteAt(int seed, int i) => (byte)((i * 131) ^ (i >> 9) ^ (seed * 17));
}
