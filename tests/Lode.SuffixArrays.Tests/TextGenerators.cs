namespace Lode.SuffixArrays.Tests;

/// <summary>Texts that stress suffix sorting.</summary>
internal static class TextGenerators
{
    /// <summary><paramref name="length"/> bytes drawn uniformly from the first <paramref name="alphabet"/> byte values.</summary>
    public static byte[] Random(Random random, int length, int alphabet)
    {
        var text = new byte[length];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = (byte)random.Next(alphabet);
        }
        return text;
    }

    /// <summary>The Fibonacci word of at least <paramref name="length"/> letters, cut to that length ('a', 'b').</summary>
    public static byte[] Fibonacci(int length)
    {
        var previous = new List<byte> { (byte)'a' };
        var current = new List<byte> { (byte)'a', (byte)'b' };
        while (current.Count < length)
        {
            var next = new List<byte>(current);
            next.AddRange(previous);
            previous = current;
            current = next;
        }
        return [.. current.Take(length)];
    }

    /// <summary><paramref name="unit"/> repeated until the text is <paramref name="length"/> bytes.</summary>
    public static byte[] Periodic(byte[] unit, int length)
    {
        var text = new byte[length];
        for (int i = 0; i < length; i++)
        {
            text[i] = unit[i % unit.Length];
        }
        return text;
    }
}
