using Lode.SuffixArrays.FmIndexing;

namespace Lode.SuffixArrays;

public sealed partial class FmIndex
{
    /// <summary>
    /// The BWT rows (= suffix array indices) of exactly the suffixes that start with
    /// <paramref name="pattern"/>, by backward search: two ranks per pattern byte, stopping when empty.
    /// </summary>
    /// <returns>[0, n) for the empty pattern. An empty range's <c>Start</c> carries no meaning.</returns>
    /// <exception cref="FmIndexFormatException">A section needed is damaged.</exception>
    /// <exception cref="IOException">The source failed.</exception>
    public SuffixRange Count(ReadOnlySpan<byte> pattern)
    {
        int start = 0;
        int end = _header.TextLength;
        for (int k = pattern.Length - 1; k >= 0 && start < end; k--)
        {
            byte symbol = pattern[k];
            if (_header.Totals[symbol] == 0)
            {
                return new SuffixRange(0, 0);
            }
            if (k == pattern.Length - 1)
            {
                // All rows, and the virtual terminator's row above them: every suffix starting with the symbol.
                start = _header.Starts[symbol];
                end = _header.Starts[symbol + 1];
                continue;
            }
            start = _header.LastToFirstStarts[symbol] + Ranks(symbol, start, end, out int endRank);
            end = _header.LastToFirstStarts[symbol] + endRank;
            if ((uint)start > (uint)_header.TextLength || (uint)end > (uint)_header.TextLength)
            {
                // Only a section damaged behind a recomputed CRC gets here (ranks are clamped, not checked, at load).
                throw new FmIndexFormatException($"FM-index BWT superblock {start >> FmHeader.SuperblockShift}: a rank leaves the rows (the superblock is damaged).");
            }
        }
        return new SuffixRange(start, Math.Max(start, end));
    }

    /// <summary>
    /// Writes the text position of every row in <paramref name="range"/> to <paramref name="positions"/>
    /// (row Start first), each by fewer than <see cref="FmIndexOptions.SampleRate"/> LF steps.
    /// </summary>
    /// <param name="range">Rows within [0, <see cref="TextLength"/>], as from <see cref="Count"/>.</param>
    /// <param name="positions">Exactly <c>range.Count</c> entries; the caller owns it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is not within the rows.</exception>
    /// <exception cref="ArgumentException"><paramref name="positions"/> has the wrong length.</exception>
    /// <exception cref="FmIndexFormatException">A section needed is damaged.</exception>
    /// <exception cref="IOException">The source failed.</exception>
    public void Locate(SuffixRange range, Span<int> positions)
    {
        if (range.Start < 0 || range.Start > range.End || range.End > _header.TextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, $"The range must lie within the {_header.TextLength} rows.");
        }
        if (positions.Length != range.Count)
        {
            throw new ArgumentException($"Needs {range.Count} positions, got {positions.Length}.", nameof(positions));
        }
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = Position((int)range.Start + i);
        }
    }

    /// <summary>Occurrences of the symbol in the BWT rows before <paramref name="start"/> and before <paramref name="end"/> (start &lt; end ≤ n).</summary>
    private int Ranks(byte symbol, int start, int end, out int endRank)
    {
        int superblock = start >> FmHeader.SuperblockShift;
        int first = superblock << FmHeader.SuperblockShift;
        if (end - first <= FmHeader.SuperblockRows)
        {
            return Superblock(superblock).Rank(symbol, start - first, end - first, out endRank);
        }
        endRank = end == _header.TextLength ? _header.BwtTotals[symbol]
            : Superblock(end >> FmHeader.SuperblockShift).Rank(symbol, end & (FmHeader.SuperblockRows - 1), end & (FmHeader.SuperblockRows - 1), out _);
        return Superblock(superblock).Rank(symbol, start - first, start - first, out _);
    }

    /// <summary>SA[row]: LF steps back to a sampled row (or the primary row, whose suffix starts at 0).</summary>
    private int Position(int row)
    {
        int rate = _header.SampleRate;
        for (int steps = 0; steps < rate; steps++)
        {
            long position = -1;
            if (Chunk(row >> FmHeader.SuperblockShift).TryGetSample(row & (FmHeader.SuperblockRows - 1), out int sample))
            {
                position = (long)sample * rate + steps;
            }
            else if (row == _header.Primary)
            {
                position = steps;
            }
            if (position >= 0)
            {
                return position < _header.TextLength ? (int)position
                    : throw new FmIndexFormatException($"FM-index sample chunk {row >> FmHeader.SuperblockShift}: row {row} locates beyond the text.");
            }
            int rank = Superblock(row >> FmHeader.SuperblockShift).RankOfSymbolAt(row & (FmHeader.SuperblockRows - 1), out byte symbol);
            int next = _header.LastToFirstStarts[symbol] + rank;
            if ((uint)next >= (uint)_header.TextLength)
            {
                // Only a superblock damaged behind a recomputed CRC gets here (ranks are clamped, not checked, at load).
                throw new FmIndexFormatException($"FM-index BWT superblock {row >> FmHeader.SuperblockShift}: an LF step from row {row} leaves the rows (the superblock is damaged).");
            }
            row = next;
        }
        throw new FmIndexFormatException($"FM-index: no sampled row within {rate} LF steps (samples or BWT damaged).");
    }
}
