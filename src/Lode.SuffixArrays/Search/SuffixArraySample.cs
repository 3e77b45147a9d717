namespace Lode.SuffixArrays;

/// <summary>
/// The sampled top level of a suffix array: for every <see cref="Interval"/>-th entry (indices 0, m, 2m, ...)
/// its text position and the first <see cref="PrefixLength"/> bytes of its suffix (fewer when the suffix is
/// shorter). Kept in memory, it lets a cold query start with an in-memory binary search and then read only a
/// window of about <see cref="Interval"/> entries of the full suffix array.
/// </summary>
/// <remarks>
/// Size in memory: ⌈n/m⌉·(4 + <see cref="PrefixLength"/>) bytes for a suffix array of n entries; the same
/// plus 32 bytes serialised (<see cref="ToBytes"/>). Immutable and thread-safe.
/// </remarks>
public sealed partial class SuffixArraySample
{
    /// <summary>The largest accepted <see cref="PrefixLength"/>, in bytes.</summary>
    public const int MaxPrefixLength = 4096;

    private readonly int[] _positions;
    private readonly byte[] _prefixes;

    private SuffixArraySample(long suffixArrayLength, int interval, int prefixLength, int[] positions, byte[] prefixes)
    {
        SuffixArrayLength = suffixArrayLength;
        Interval = interval;
        PrefixLength = prefixLength;
        _positions = positions;
        _prefixes = prefixes;
    }

    /// <summary>The sampling interval m: entry k of the sample is suffix array entry k·m.</summary>
    public int Interval { get; }

    /// <summary>How many leading bytes of each sampled suffix are kept (at most; fewer for shorter suffixes).</summary>
    public int PrefixLength { get; }

    /// <summary>The number of entries of the sampled suffix array (the text length in bytes).</summary>
    internal long SuffixArrayLength { get; }

    /// <summary>The number of sampled entries, ⌈n/m⌉.</summary>
    internal int Count => _positions.Length;

    /// <summary>
    /// Samples <paramref name="suffixArray"/>, the suffix array of <paramref name="text"/>, keeping every
    /// <paramref name="interval"/>-th entry and the first <paramref name="prefixLength"/> bytes of its suffix.
    /// </summary>
    /// <param name="text">The text; only read, not retained.</param>
    /// <param name="suffixArray">Its suffix array, as from <see cref="SuffixArray.Build"/>; only read, not retained.</param>
    /// <param name="interval">The sampling interval m, at least 1 (entries).</param>
    /// <param name="prefixLength">Bytes kept per sampled suffix, 1 to <see cref="MaxPrefixLength"/>.</param>
    /// <exception cref="ArgumentException">The suffix array's length differs from the text's, or a sampled
    /// entry is not a position in the text.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> or <paramref name="prefixLength"/>
    /// is out of range, or the sample would exceed the largest array.</exception>
    /// <remarks>Does not check that <paramref name="suffixArray"/> is sorted; a wrong one gives wrong search results.</remarks>
    public static SuffixArraySample Build(ReadOnlySpan<byte> text, ReadOnlySpan<int> suffixArray, int interval = 1024,
        int prefixLength = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(prefixLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, MaxPrefixLength);
        if (suffixArray.Length != text.Length)
        {
            throw new ArgumentException(
                $"The suffix array has {suffixArray.Length} entries but the text has {text.Length} bytes; pass the suffix array of this text.",
                nameof(suffixArray));
        }
        int count = SampleCount(text.Length, interval);
        if (HeaderBytes + ((long)count * (4 + prefixLength)) + CrcBytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(interval),
                $"{count} samples of {prefixLength} bytes would not fit one serialised array; use a larger interval or a shorter prefix.");
        }

        var positions = new int[count];
        var prefixes = new byte[count * prefixLength];
        for (int k = 0; k < count; k++)
        {
            int position = suffixArray[k * interval];
            if ((uint)position >= (uint)text.Length)
            {
                throw new ArgumentException(
                    $"Suffix array entry {(long)k * interval} is {position}, not a position in the {text.Length}-byte text.",
                    nameof(suffixArray));
            }
            positions[k] = position;
            var suffix = text[position..];
            suffix[..Math.Min(prefixLength, suffix.Length)].CopyTo(prefixes.AsSpan(k * prefixLength));
        }
        return new SuffixArraySample(text.Length, interval, prefixLength, positions, prefixes);
    }

    /// <summary>⌈<paramref name="length"/>/<paramref name="interval"/>⌉, the number of samples of a suffix array.</summary>
    private static int SampleCount(long length, int interval) => (int)((length + interval - 1) / interval);

    /// <summary>The stored leading bytes of sample <paramref name="k"/>'s suffix: all of it when shorter than <see cref="PrefixLength"/>.</summary>
    private ReadOnlySpan<byte> Prefix(int k) =>
        _prefixes.AsSpan(k * PrefixLength, (int)Math.Min(PrefixLength, SuffixArrayLength - _positions[k]));
}
