using System.Numerics;

namespace Lode.SuffixArrays;

internal sealed partial class CapsSa
{
    /// <summary>Phases 4 and 5: every partition gathered, merged and written in place; the LCPs at partition starts fixed.</summary>
    private void MergePartitions(int[][] bounds)
    {
        int p = _subarrays;
        var starts = new int[p + 1];
        int largest = 0;
        for (int j = 0; j < p; j++)
        {
            int size = 0;
            for (int i = 0; i < p; i++)
            {
                size += bounds[i][j + 1] - bounds[i][j];
            }
            starts[j + 1] = starts[j] + size;
            largest = Math.Max(largest, size);
        }

        var blocks = new OutputBlocks(_sa, _keepLcp ? _lcp : null, BlockShift(_sa.Length, p), p + (4 * _threads) + 8);
        Workers.Run(_threads, p, () => (Scratch: new Scratch(largest, pingPong: true), RunStarts: new int[p]),
            (state, j) => MergePartition(j, bounds, starts, blocks, state.Scratch, state.RunStarts));
        blocks.Finish();
        if (_keepLcp)
        {
            Workers.Run(_threads, p, j =>
            {
                int start = starts[j];
                if (start > 0 && start < _sa.Length && start < starts[j + 1])
                {
                    _lcp[start] = (int)_text.Lcp(_sa[start - 1], _sa[start]);
                }
            });
        }
    }

    /// <summary>Gathers partition <paramref name="j"/>'s pieces (each run's first LCP set to 0), merges them, and writes the result.</summary>
    private void MergePartition(int j, int[][] bounds, int[] starts, OutputBlocks blocks, Scratch scratch, int[] runStarts)
    {
        int size = starts[j + 1] - starts[j];
        if (size == 0)
        {
            return;
        }
        int runs = 0;
        int filled = 0;
        for (int i = 0; i < _subarrays; i++)
        {
            int from = SubarrayStart(i) + bounds[i][j];
            int length = bounds[i][j + 1] - bounds[i][j];
            if (length == 0)
            {
                continue;
            }
            _sa.AsSpan(from, length).CopyTo(scratch.Sa[filled..]);
            _lcp.AsSpan(from, length).CopyTo(scratch.Lcp[filled..]);
            scratch.Lcp[filled] = 0;
            runStarts[runs++] = filled;
            filled += length;
            blocks.Release(from, length);
        }

        bool inFirst = Cascade.Merge(_text, scratch.Sa[..size], scratch.Lcp[..size], scratch.OtherSa[..size],
            scratch.OtherLcp[..size], runStarts.AsSpan(0, runs));
        blocks.Write(starts[j], (inFirst ? scratch.Sa : scratch.OtherSa)[..size], (inFirst ? scratch.Lcp : scratch.OtherLcp)[..size]);
    }

    /// <summary>
    /// log2 of the output block size: about n / (1024·p) entries, so the blocks straddling piece boundaries (a few
    /// per subarray) cost a small fraction of the text, within [64, 16384] entries.
    /// </summary>
    private static int BlockShift(int n, int subarrays)
    {
        long target = Math.Clamp(n / (1024L * subarrays), 64, 16384);
        return BitOperations.Log2((ulong)target);
    }
}
