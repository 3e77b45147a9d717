namespace Lode.Metadata.Tests;

/// <summary>Random keys from a small alphabet, so keys share prefixes, end inside each other and hit every node kind.</summary>
internal sealed class RandomKeys(Random random, int alphabet, int maxLength)
{
    private static readonly byte[] Letters = [(byte)'/', (byte)'a', (byte)'b', 0x00, 0xFF, (byte)'c'];

    public Random Random { get; } = random;

    public byte[] Next()
    {
        var key = new byte[Random.Next(1, maxLength + 1)];
        for (int i = 0; i < key.Length; i++)
        {
            int symbol = Random.Next(alphabet);
            key[i] = alphabet <= Letters.Length ? Letters[symbol] : (byte)symbol;
        }
        return key;
    }

    /// <summary>A key, or (one time in four) a prefix of an existing key, so scans start inside populated subtrees.</summary>
    public byte[] NextProbe(IReadOnlyList<byte[]> existing)
    {
        if (existing.Count == 0 || Random.Next(4) != 0)
        {
            return Next();
        }
        byte[] key = existing[Random.Next(existing.Count)];
        return key[..Random.Next(0, key.Length + 1)];
    }

    /// <summary>The alphabets the property tests cycle through: 2, 3 and 6 letters (deep, prefix-heavy trees) and 40 and 256 bytes (wide nodes).</summary>
    public static readonly int[] Alphabets = [2, 3, 6, 40, 256];
}
