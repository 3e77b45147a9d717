namespace Lode.SuffixArrays;

/// <summary>
/// In-memory CaPS-SA (J. Khan, T. Rubel, E. Molloy, L. Dhulipala, R. Patro, "Fast, Parallel, and Cache-Friendly
/// Suffix Array Construction", WABI 2023 / Algorithms for Molecular Biology 19, 2024; reference implementation
/// github.com/jamshed/CaPS-SA) for texts below 2 GiB: sample sort of suffixes with LCP-aware merging.
/// </summary>
/// <remarks>
/// <para>Phases, each parallel over the workers: (1) split the positions into p subarrays and sort each with
/// <see cref="LcpMergeSort"/>; (2) sample each sorted subarray regularly, sort the samples, choose p − 1 pivots;
/// (3) locate every pivot in every subarray by binary search; (4) gather each partition's pieces and merge them
/// with a <see cref="Cascade"/>; (5) fix the LCP at each partition start. The order is total, so the result
/// does not depend on the number of workers or subarrays.</para>
/// <para>Memory: the 4n-byte suffix array and a 4n-byte LCP array (the pieces live in both while they wait, and
/// phase 4 writes its output into them block by block through <see cref="OutputBlocks"/>), per worker two
/// subarrays (phase 1) or two partitions (phase 4) of scratch at 8 bytes per entry, and the spare output
/// blocks. With the default p = 64 and 2 workers that is about 9.3 bytes per text byte with the text.</para>
/// </remarks>
internal sealed partial class CapsSa
{
    private readonly SuffixText _text;
    private readonly int[] _sa;
    private readonly int[] _lcp;
    private readonly bool _keepLcp;
    private readonly int _threads;
    private readonly int _subarrays;
    private readonly int _subarrayLength;

    private CapsSa(SuffixText text, int[] sa, int[] lcp, bool keepLcp, int threads, int subarrays)
    {
        _text = text;
        _sa = sa;
        _lcp = lcp;
        _keepLcp = keepLcp;
        _threads = threads;
        _subarrays = subarrays;
        _subarrayLength = sa.Length / subarrays;
    }

    /// <summary>
    /// Sorts the suffixes of <paramref name="text"/> into <paramref name="sa"/> (n entries) and, when
    /// <paramref name="keepLcp"/>, their LCPs into <paramref name="lcp"/>; <paramref name="lcp"/> (n entries) is
    /// working space either way.
    /// </summary>
    /// <param name="text">The text, n ≥ 1 bytes, below 2^31.</param>
    /// <param name="sa">Receives the suffix array.</param>
    /// <param name="lcp">Receives the LCP array when <paramref name="keepLcp"/>; otherwise garbage afterwards.</param>
    /// <param name="keepLcp">Whether the LCP array is wanted.</param>
    /// <param name="threads">Workers, at least 1.</param>
    /// <param name="subarrays">p, in [1, n].</param>
    public static void Build(SuffixText text, int[] sa, int[] lcp, bool keepLcp, int threads, int subarrays)
    {
        var build = new CapsSa(text, sa, lcp, keepLcp, threads, subarrays);
        build.SortSubarrays();
        if (subarrays == 1)
        {
            return;
        }
        long[] pivots = build.ChoosePivots();
        int[][] bounds = build.LocatePivots(pivots);
        build.MergePartitions(bounds);
    }

    private int SubarrayStart(int i) => i * _subarrayLength;

    private int SubarrayEnd(int i) => i == _subarrays - 1 ? _sa.Length : (i + 1) * _subarrayLength;

    /// <summary>Phase 1: every subarray filled with its positions and sorted, with its LCPs.</summary>
    private void SortSubarrays()
    {
        int longest = _sa.Length - SubarrayStart(_subarrays - 1);
        Workers.Run(_threads, _subarrays, () => new Scratch(longest, pingPong: false), (scratch, i) =>
        {
            int start = SubarrayStart(i);
            int end = SubarrayEnd(i);
            Span<int> sa = _sa.AsSpan(start, end - start);
            for (int k = 0; k < sa.Length; k++)
            {
                sa[k] = start + k;
            }
            LcpMergeSort.Sort(_text, sa, _lcp.AsSpan(start, end - start), scratch.Sa, scratch.Lcp);
        });
    }

    /// <summary>Phase 2: regular samples from every sorted subarray, sorted; p − 1 pivots at even ranks.</summary>
    private long[] ChoosePivots()
    {
        int perSubarray = Pivots.SamplesPerSubarray(_sa.Length, _subarrayLength);
        var samples = new long[(long)perSubarray * _subarrays];
        for (int i = 0; i < _subarrays; i++)
        {
            Pivots.SampleRegularly<int>(_sa.AsSpan(SubarrayStart(i), SubarrayEnd(i) - SubarrayStart(i)),
                samples.AsSpan(i * perSubarray, perSubarray));
        }
        return Pivots.Choose(_text, samples, _subarrays);
    }

    /// <summary>Phase 3: the piece boundaries of every subarray.</summary>
    private int[][] LocatePivots(long[] pivots)
    {
        var bounds = new int[_subarrays][];
        Workers.Run(_threads, _subarrays, i =>
        {
            bounds[i] = new int[_subarrays + 1];
            Pivots.Locate<int>(_text, _sa.AsSpan(SubarrayStart(i), SubarrayEnd(i) - SubarrayStart(i)), pivots, bounds[i]);
        });
        return bounds;
    }

    /// <summary>Per-worker working space: a run and its LCPs, and for phase 4 a second pair to ping-pong with.</summary>
    private sealed class Scratch(int length, bool pingPong)
    {
        private readonly int[] _sa = GC.AllocateUninitializedArray<int>(length);
        private readonly int[] _lcp = GC.AllocateUninitializedArray<int>(length);
        private readonly int[] _otherSa = pingPong ? GC.AllocateUninitializedArray<int>(length) : [];
        private readonly int[] _otherLcp = pingPong ? GC.AllocateUninitializedArray<int>(length) : [];

        public Span<int> Sa => _sa;

        public Span<int> Lcp => _lcp;

        public Span<int> OtherSa => _otherSa;

        public Span<int> OtherLcp => _otherLcp;
    }
}
