using System.Diagnostics;

namespace Lode.SuffixArrays;

/// <summary>
/// Lets CaPS-SA phase 4 write the merged partitions into the same arrays that still hold the unmerged pieces,
/// so the in-memory construction needs no second suffix array. The arrays are cut into blocks of
/// <c>B</c> entries; a block becomes free once every piece entry in it has been gathered, and each block of
/// the output (the "virtual" block v, entries [vB, vB + B)) is written into whichever free block is at hand,
/// or into a small spare block. <see cref="Finish"/> then moves every virtual block to its place, whole blocks
/// at a time (at most two block copies per block).
/// </summary>
/// <remarks>
/// <para>Partitions are merged in increasing order, so at any time only the blocks that straddle the boundary
/// between gathered and ungathered pieces, about (2·threads + 2) per subarray, are neither free nor output:
/// that many spare blocks suffice, and more are allocated if ever needed. Memory: the spare blocks plus 12 bytes
/// per block of bookkeeping.</para>
/// <para>Thread-safe for concurrent <see cref="Release"/> and <see cref="Write"/> calls on disjoint ranges;
/// <see cref="Finish"/> runs alone. Borrows the arrays; owns the spare blocks.</para>
/// </remarks>
internal sealed class OutputBlocks
{
    private readonly int[] _sa;
    private readonly int[]? _lcp;
    private readonly int _shift;
    private readonly int _blockSize;
    private readonly int _fullBlocks;
    private readonly int _virtualBlocks;
    private readonly int[] _remaining;
    private readonly int[] _physical;
    private readonly List<int[]> _spareSa = [];
    private readonly List<int[]> _spareLcp = [];
    private readonly Stack<int> _free = new();
    private readonly List<bool> _isFree = [];
    private readonly int _growBy;
    private readonly Lock _lock = new();

    /// <summary>
    /// Manages <paramref name="sa"/> (and <paramref name="lcp"/>, when the LCP output is kept) in blocks of
    /// 2^<paramref name="shift"/> entries, with <paramref name="spareBlocks"/> spare blocks to start.
    /// </summary>
    public OutputBlocks(int[] sa, int[]? lcp, int shift, int spareBlocks)
    {
        _sa = sa;
        _lcp = lcp;
        _shift = shift;
        _blockSize = 1 << shift;
        _fullBlocks = sa.Length >> shift;
        _virtualBlocks = (int)(((long)sa.Length + _blockSize - 1) >> shift);
        _remaining = new int[_virtualBlocks];
        _physical = new int[_virtualBlocks];
        Array.Fill(_physical, -1);
        for (int b = 0; b < _virtualBlocks; b++)
        {
            _remaining[b] = Math.Min(_blockSize, sa.Length - (b << shift));
            _isFree.Add(false);
        }
        _growBy = Math.Max(16, spareBlocks / 2);
        AddSpares(spareBlocks);
    }

    /// <summary>Records that the piece entries [<paramref name="start"/>, +<paramref name="length"/>) have been gathered.</summary>
    public void Release(int start, int length)
    {
        lock (_lock)
        {
            int end = start + length;
            for (int b = start >> _shift; b < _virtualBlocks && (b << _shift) < end; b++)
            {
                int from = Math.Max(start, b << _shift);
                int to = Math.Min(end, (b + 1) << _shift);
                _remaining[b] -= to - from;
                Debug.Assert(_remaining[b] >= 0, "an entry was released twice");
                if (_remaining[b] == 0 && b < _fullBlocks)
                {
                    MarkFree(b);
                }
            }
        }
    }

    /// <summary>Writes output entries [<paramref name="start"/>, +<c>sa.Length</c>) (and their LCPs, when kept).</summary>
    public void Write(int start, ReadOnlySpan<int> sa, ReadOnlySpan<int> lcp)
    {
        int end = start + sa.Length;
        for (int v = start >> _shift; v < _virtualBlocks && (v << _shift) < end; v++)
        {
            int from = Math.Max(start, v << _shift);
            int to = Math.Min(end, (v + 1) << _shift);
            int offset = from - (v << _shift);
            Span<int> saBlock;
            Span<int> lcpBlock = default;
            lock (_lock)
            {
                if (_physical[v] < 0)
                {
                    _physical[v] = TakeFree();
                }
                // Resolved under the lock: the spare lists may grow concurrently.
                saBlock = Block(_physical[v], _sa, _spareSa);
                if (_lcp is not null)
                {
                    lcpBlock = Block(_physical[v], _lcp, _spareLcp);
                }
            }
            sa[(from - start)..(to - start)].CopyTo(saBlock[offset..]);
            if (_lcp is not null)
            {
                lcp[(from - start)..(to - start)].CopyTo(lcpBlock[offset..]);
            }
        }
    }

    /// <summary>Moves every output block to its place in the arrays. Call once, after every partition is written.</summary>
    public void Finish()
    {
        var holder = new int[_isFree.Count];
        Array.Fill(holder, -1);
        for (int v = 0; v < _virtualBlocks; v++)
        {
            Debug.Assert(_physical[v] >= 0, "an output block was never written");
            holder[_physical[v]] = v;
        }
        for (int v = 0; v < _virtualBlocks; v++)
        {
            int source = _physical[v];
            if (source == v)
            {
                continue;
            }
            int occupant = holder[v];
            if (occupant >= 0)
            {
                int refuge = TakeFree();
                if (refuge >= holder.Length)
                {
                    int known = holder.Length;
                    Array.Resize(ref holder, _isFree.Count);
                    holder.AsSpan(known).Fill(-1);
                }
                CopyBlock(v, refuge, _blockSize);
                _physical[occupant] = refuge;
                holder[refuge] = occupant;
            }
            _isFree[v] = false;
            CopyBlock(source, v, Math.Min(_blockSize, _sa.Length - (v << _shift)));
            _physical[v] = v;
            holder[v] = v;
            holder[source] = -1;
            MarkFree(source);
        }
    }

    private void CopyBlock(int from, int to, int length)
    {
        Block(from, _sa, _spareSa)[..length].CopyTo(Block(to, _sa, _spareSa));
        if (_lcp is not null)
        {
            Block(from, _lcp, _spareLcp)[..length].CopyTo(Block(to, _lcp, _spareLcp));
        }
    }

    private Span<int> Block(int id, int[] array, List<int[]> spares) =>
        id < _virtualBlocks
            ? array.AsSpan(id << _shift, Math.Min(_blockSize, array.Length - (id << _shift)))
            : spares[id - _virtualBlocks];

    private void MarkFree(int id)
    {
        _isFree[id] = true;
        _free.Push(id);
    }

    /// <summary>A free full-size block (lazily skipping ids taken since they were pushed); grows the spares if none is left.</summary>
    private int TakeFree()
    {
        while (true)
        {
            if (_free.Count == 0)
            {
                AddSpares(_growBy);
            }
            int id = _free.Pop();
            if (_isFree[id])
            {
                _isFree[id] = false;
                return id;
            }
        }
    }

    private void AddSpares(int count)
    {
        for (int s = 0; s < count; s++)
        {
            _spareSa.Add(GC.AllocateUninitializedArray<int>(_blockSize));
            if (_lcp is not null)
            {
                _spareLcp.Add(GC.AllocateUninitializedArray<int>(_blockSize));
            }
            _isFree.Add(false);
            MarkFree(_isFree.Count - 1);
        }
    }
}
