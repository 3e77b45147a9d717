using System.Runtime.InteropServices;
using Lode.IO;

namespace Lode.SuffixArrays;

/// <summary>
/// Answers substring queries over a text and its suffix array, both read through <see cref="IByteSource"/>
/// (a local file today, a disk cache in front of an object store later).
/// </summary>
/// <remarks>
/// <para>The suffix array source holds n little-endian entries of 4 bytes (int32, texts below 2 GiB) or 8 bytes
/// (int64, any text) for a text of n bytes, sorted as <see cref="SuffixArray.Build"/> or
/// <see cref="SuffixArrayFileBuilder"/> sort, with or without a bounded context k. A query is two binary searches
/// (lower and upper bound) with the Manber–Myers lcp(left)/lcp(right) acceleration (U. Manber, G. Myers, "Suffix
/// Arrays: A New Method for On-Line String Searches", SIAM J. Computing 22(5), 1993): the bytes already known to
/// match on both sides of the window are skipped. Each comparison reads one suffix array entry and the text in
/// chunks of up to 256 bytes, never byte by byte. With a <see cref="SuffixArraySample"/> the window is first
/// narrowed in memory to about one sampling interval.</para>
/// <para>With a bounded context k, the suffixes that start with a pattern of at most k bytes are still one range,
/// found exactly. A longer pattern is searched by its first k bytes, and <see cref="Count"/> and
/// <see cref="Locate(ReadOnlySpan{byte})"/> then verify each candidate against the text.</para>
/// <para>Thread-safe: any number of threads may query at once. The searcher does not own the sources: the
/// caller keeps them open while it is used and disposes them afterwards.</para>
/// </remarks>
public sealed partial class SuffixArraySearcher
{
    private readonly IByteSource _text;
    private readonly IByteSource _suffixArray;
    private readonly SuffixArraySample? _sample;
    private readonly long _length;
    private readonly int _entryBytes;

    /// <summary>Creates a searcher over <paramref name="text"/> and its <paramref name="suffixArray"/>.</summary>
    /// <param name="text">The text, at most <see cref="int.MaxValue"/> bytes with 4-byte entries.</param>
    /// <param name="suffixArray">Its suffix array: exactly <paramref name="entryBytes"/> bytes (little-endian) per text byte,
    /// encoded as <see cref="SuffixArrayEntries"/> describes.</param>
    /// <param name="sample">An optional in-memory sample of this suffix array, to narrow each query first; with a
    /// bounded context, its prefix length must not exceed the context.</param>
    /// <param name="entryBytes">The width of a suffix array entry, 3 to 8 bytes: 4 (int32), 8 (int64), or the narrowest
    /// that holds the text's positions (<see cref="SuffixArrayEntries.MinimumWidth"/>).</param>
    /// <param name="boundedContext">The bounded context k the suffix array was built with, or null for the exact order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="suffixArray"/> is null.</exception>
    /// <exception cref="ArgumentException">The text is too long for the entry width, the suffix array's length does
    /// not match the text's, or the sample describes another suffix array or keeps more bytes than the context.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The entry width is not from 3 to 8, or the context is below 1.</exception>
    public SuffixArraySearcher(IByteSource text, IByteSource suffixArray, SuffixArraySample? sample = null,
        int entryBytes = sizeof(int), int? boundedContext = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(suffixArray);
        if (entryBytes is < SuffixArrayEntries.MinWidth or > SuffixArrayEntries.MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(entryBytes), entryBytes, "Suffix array entries are 3 to 8 bytes wide.");
        }
        if (boundedContext < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(boundedContext), boundedContext, "The bounded context is at least 1 byte; use null for the exact order.");
        }
        if (text.Length > SuffixArrayEntries.MaxTextLength(entryBytes))
        {
            throw new ArgumentException(
                $"The text is {text.Length} bytes; {entryBytes}-byte suffix array entries cover at most {SuffixArrayEntries.MaxTextLength(entryBytes)}. Use wider entries or split it into shards.",
                nameof(text));
        }
        if (suffixArray.Length % entryBytes != 0)
        {
            throw new ArgumentException(
                $"The suffix array is {suffixArray.Length} bytes, not a whole number of {entryBytes}-byte entries; it is truncated or not a suffix array.",
                nameof(suffixArray));
        }
        if (suffixArray.Length / entryBytes != text.Length)
        {
            throw new ArgumentException(
                $"The suffix array has {suffixArray.Length / entryBytes} entries but the text has {text.Length} bytes; pair each text with its own suffix array.",
                nameof(suffixArray));
        }
        if (sample is not null && sample.SuffixArrayLength != text.Length)
        {
            throw new ArgumentException(
                $"The sample describes a suffix array of {sample.SuffixArrayLength} entries, but the text has {text.Length} bytes; use this text's sample.",
                nameof(sample));
        }
        if (sample is not null && sample.PrefixLength > boundedContext)
        {
            throw new ArgumentException(
                $"The sample keeps {sample.PrefixLength} bytes per suffix, more than the bounded context of {boundedContext}; sample with a prefix length of at most the context.",
                nameof(sample));
        }
        _text = text;
        _suffixArray = suffixArray;
        _sample = sample;
        _length = text.Length;
        _entryBytes = entryBytes;
        BoundedContext = boundedContext;
    }

    /// <summary>The bounded context k the suffix array was built with, or null for the exact order.</summary>
    public int? BoundedContext { get; }

    /// <summary>
    /// Opens a searcher over <paramref name="text"/> and a suffix array file written by <see cref="SuffixArrayFileBuilder"/>,
    /// taking the entry width and bounded context from its header.
    /// </summary>
    /// <param name="text">The text the file was built from.</param>
    /// <param name="suffixArrayFile">The whole suffix array file.</param>
    /// <param name="sample">An optional sample of its suffix array.</param>
    /// <exception cref="InvalidDataException">The file is not a valid suffix array file.</exception>
    /// <exception cref="ArgumentException">The file describes a text of another length, or the sample does not fit.</exception>
    public static SuffixArraySearcher Open(IByteSource text, IByteSource suffixArrayFile, SuffixArraySample? sample = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var info = SuffixArrayFileInfo.Read(suffixArrayFile);
        if (info.TextLength != text.Length)
        {
            throw new ArgumentException(
                $"The suffix array file describes a text of {info.TextLength} bytes, but the text has {text.Length}; pair each text with its own file.",
                nameof(suffixArrayFile));
        }
        var entries = new ByteSourceSlice(suffixArrayFile, info.SuffixArrayOffset, info.TextLength * info.EntryBytes);
        return new SuffixArraySearcher(text, entries, sample, info.EntryBytes, info.BoundedContext);
    }

    /// <summary>
    /// Finds the suffix array indices of the suffixes that start with <paramref name="pattern"/>: as many as
    /// there are occurrences of the pattern in the text. An empty pattern gives the whole array. With a bounded
    /// context k and a pattern longer than k, the range of the suffixes that start with its first k bytes: the
    /// candidates, a superset of the occurrences (use <see cref="Count"/> or <see cref="Locate(ReadOnlySpan{byte})"/>).
    /// </summary>
    /// <param name="pattern">The bytes to find (any length; only read).</param>
    /// <returns>The range; when empty, its start is where the pattern would sort.</returns>
    /// <exception cref="InvalidDataException">A suffix array entry read is not a position in the text (corrupt index).</exception>
    /// <exception cref="IOException">A source failed to read.</exception>
    public SuffixRange FindRange(ReadOnlySpan<byte> pattern)
    {
        if (pattern.Length > BoundedContext)
        {
            pattern = pattern[..BoundedContext.Value];
        }
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
}
