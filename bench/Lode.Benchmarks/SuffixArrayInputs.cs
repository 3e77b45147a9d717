namespace Lode.Benchmarks;

/// <summary>The texts the suffix array benchmarks sort, as the suffix array spec lists them.</summary>
public enum SuffixArrayInput
{
    /// <summary>The files of /usr/include concatenated in path order (about 130 MB on Debian).</summary>
    UsrInclude,

    /// <summary>Uniformly random bytes.</summary>
    RandomBytes,

    /// <summary>Uniformly random DNA: the letters A, C, G, T.</summary>
    RandomDna,

    /// <summary>A 64 KiB piece of /usr/include repeated with one byte changed per copy: the same file in many places.</summary>
    Repetitive,
}

/// <summary>Generates the benchmark texts (seeded, so every run sorts the same bytes).</summary>
public static class SuffixArrayInputs
{
    /// <summary>
    /// The size of every input in MiB from the environment variable LODE_SA_BENCH_MIB, for smoke runs; unset or 0
    /// means the full sizes (all of /usr/include, 100 MiB for the others).
    /// </summary>
    public static int MebibytesOverride => int.TryParse(Environment.GetEnvironmentVariable("LODE_SA_BENCH_MIB"), out int mib) ? mib : 0;

    /// <summary>The bytes of <paramref name="input"/>.</summary>
    public static byte[] Create(SuffixArrayInput input)
    {
        int mib = MebibytesOverride;
        int bytes = (mib > 0 ? mib : 100) << 20;
        switch (input)
        {
            case SuffixArrayInput.UsrInclude:
                return Corpus.UsrIncludeText(mib > 0 ? bytes : 1 << 30);
            case SuffixArrayInput.RandomBytes:
                var random = new byte[bytes];
                new Random(1).NextBytes(random);
                return random;
            case SuffixArrayInput.RandomDna:
                var dna = new byte[bytes];
                var generator = new Random(2);
                for (int i = 0; i < dna.Length; i++)
                {
                    dna[i] = "ACGT"u8[generator.Next(4)];
                }
                return dna;
            default:
                byte[] piece = Corpus.UsrIncludeText(64 << 10);
                var text = new byte[bytes];
                for (int offset = 0, copy = 0; offset < text.Length; offset += piece.Length, copy++)
                {
                    int length = Math.Min(piece.Length, text.Length - offset);
                    piece.AsSpan(0, length).CopyTo(text.AsSpan(offset));
                    text[offset + (copy * 7919 % length)] ^= 1;
                }
                return text;
        }
    }
}
