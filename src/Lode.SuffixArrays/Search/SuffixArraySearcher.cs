using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Lode.IO;

namespace Lode.SuffixArrays;

/// <summary>
/// Answers substring queries over a text and its suffix array, both read through <see cref="IByteSource"/>
/// (a local file today, a disk cache in front of an object store later).
/// </summary>
/// <remarks>
/// <para>The suffix array source holds n int32 little-endian entries (4n bytes) for a text of n bytes, sorted as
/// <see cref="SuffixArray.Build"/> sorts. A query is two binary searches (lower and upper bound) with the
/// Manber–Myers lcp(left)/lcp(right) acceleration (U. Manber, G. Myers, "Suffix Arrays: A New Method for
/// On-Line String Searches", SIAM J. Computing 22(5), 1993): the bytes already known to match on both sides of
/// the window are skipped. Each comparison reads one suffix array entry and the text in chunks of up to 256
/// bytes, never byte by byte. With a <see cref="SuffixArraySample"/> the window is first narrowed in memory to
/// about one sampling interval.</para>
/// <para>Thread-safe: any number of threads may query at once. The searcher does not own the sources: the
/// caller keeps them open while it is used and disposes them afterwards.</para>
/// </remarks>
public sealed partial class SuffixArraySearcher
{
    private const int EntryBytes = sizeof(int);

    private readonly IByteSource _text;
    private readonly IByteSource _suffixArray;
    private readonly SuffixArraySample? _sample;
    private readonly long _length;

    /// <summary>Creates a searcher over <paramref name="text"/> and its <paramref name="suffixArray"/>.</summary>
    /// <param name="text">The text, at most <see cref="int.MaxValue"/> bytes.</param>
    /// <param name="suffixArray">Its suffix array: exactly 4 bytes (int32, little-endian) per text byte.</param>
    /// <param name="sample">An optional in-memory sample of this suffix array, to narrow each query first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="suffixArray"/> is null.</exception>
    /// <exception cref="ArgumentException">The text is too long, the suffix array's length is not a multiple
    /// of 4 or not 4 times the text's, or the sample describes a suffix array of another length.</exception>
    public SuffixArraySearcher(IByteSource text, IByteSource suffixArray, SuffixArraySample? sample = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(suffixArray);
        if (text.Length > int.MaxValue)
        {
            throw new ArgumentException(
                $"The text is {text.Length} bytes; int32 suffix arrays cover at most {int.MaxValue}. Split it into shards.",
                nameof(text));
        }
        if (suffixArray.Length % EntryBytes != 0)
        {
            throw new ArgumentException(
                $"The suffix array is {suffixArray.Length} bytes, not a whole number of 4-byte entries; it is truncated or not a suffix array.",
                nameof(suffixArray));
        }
        if (suffixArray.Length != EntryBytes * text.Length)
        {
            throw new ArgumentException(
                $"The suffix array has {suffixArray.Length / EntryBytes} entries but the text has {text.Length} bytes; pair each text with its own suffix array.",
                nameof(suffixArray));
        }
        if (sample is not null && sample.SuffixArrayLength != text.Length)
        {
            throw new ArgumentException(
                $"The sample describes a suffix array of {sample.SuffixArrayLength} entries, but the text has {text.Length} bytes; use this text's sample.",
                nameof(sample));
        }
        _text = text;
        _suffixArray = suffixArray;
        _sample = sample;
        _length = text.Length;
    }

    /// <summary>
    /// Finds the suffix array indices of the suffixes that start with <paramref name="pattern"/>: as many as
    /// there are occurrences of the pattern in the text. An empty pattern gives the whole array.
    /// </summary>
    /// <param name="pattern">The bytes to find (any length; only read).</param>
    /// <returns>The range; when empty, its start is where the pattern would sort.</returns>
    /// <exception cref="InvalidDataException">A suffix array entry read is not a position in the text (corrupt index).</exception>
    /// <exception cref="IOException">A source failed to read.</exception>
    public SuffixRange FindRange(ReadOnlySpan<byte> pattern)
    {
        if (pattern.IsEmpty)
        {
            return new SuffixRange(0, _length);
        }
        SearchWindow window = _sample?.Narrow(pattern) ?? SearchWindow.Whole(_length);
        Span<byte> buffer = stackalloc byte[TextChunkBytes];
        long start = Bound(pattern, upper: false, window.LowerStart, window.LowerStartLcp, window.LowerEnd,
            window.LowerEndLcp, buffer, out int startLcp);
        if (startLcp < pattern.Length)
        {
            return new SuffixRange(start, start);
        }
        long end = Bound(pattern, upper: true, Math.Max(start + 1, window.UpperStart), pattern.Length, window.End,
            window.EndLcp, buffer, out _);
        return new SuffixRange(start, end);
    }

    /// <summary>
    /// Reads the text positions of the suffixes in <paramref name="range"/>, in suffix array order (not sorted
    /// by position).
    /// </summary>
    /// <returns>A new array of <c>range.Count</c> positions, owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, n] or has End &lt; Start.</exception>
    /// <exception cref="InvalidDataException">An entry is not a position in the text (corrupt index).</exception>
    /// <exception cref="IOException">The suffix array source failed to read.</exception>
    public int[] Locate(SuffixRange range)
    {
        if (range.Start < 0 || range.End > _length || range.Start > range.End)
        {
            throw new ArgumentOutOfRangeException(nameof(range),
                $"The range [{range.Start}, {range.End}) is not inside the suffix array of {_length} entries.");
        }
        var positions = new int[range.Count];
        const int EntriesPerRead = 1 << 16;
        for (int done = 0; done < positions.Length; done += EntriesPerRead)
        {
            var chunk = positions.AsSpan(done, Math.Min(EntriesPerRead, positions.Length - done));
            _suffixArray.ReadExactlyAt((range.Start + done) * EntryBytes, MemoryMarshal.AsBytes(chunk));
            for (int i = 0; i < chunk.Length; i++)
            {
                int position = BitConverter.IsLittleEndian ? chunk[i] : BinaryPrimitives.ReverseEndianness(chunk[i]);
                chunk[i] = CheckPosition(range.Start + done + i, position);
            }
        }
        return positions;
    }

    private int CheckPosition(long index, int position)
    {
        if ((uint)position >= (ulong)_length)
        {
            throw new InvalidDataException(
                $"Suffix array entry {index} is {position}, not a position in the {_length}-byte text; the index is corrupt, rebuild it.");
        }
        return position;
    }
}
