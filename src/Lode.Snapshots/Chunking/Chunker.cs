using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lode.Snapshots.Chunking;

/// <summary>
/// Finds chunk boundaries in a byte stream that arrives in pieces of any size; the cut points depend only on
/// the bytes, never on how they were split. Not thread-safe: one per stream.
/// </summary>
/// <remarks>
/// FastCDC (Xia et al., USENIX ATC 2016): a gear rolling hash <c>h = (h &lt;&lt; 1) + Gear[b]</c> starts at 0
/// once a chunk holds <c>MinSize</c> bytes (the bytes before are skipped, not hashed); after each hashed byte,
/// the chunk ends there if <c>(h &amp; mask) == 0</c>. Normalised chunking: while the chunk is shorter than
/// <c>AverageSize</c> the mask has log2(AverageSize) + 2 one bits (harder to match), from there on
/// log2(AverageSize) - 2 (easier); at <c>MaxSize</c> bytes a cut is forced. The masks take the high bits of
/// <c>h</c>, which depend on the last 64 bytes, not the low bits, which depend on the last few. Fixed chunking
/// cuts every <c>AverageSize</c> bytes.
/// </remarks>
internal sealed class Chunker
{
    private readonly bool _fixed;
    private readonly int _min;
    private readonly int _normal;
    private readonly int _max;
    private readonly ulong _maskSmall;
    private readonly ulong _maskLarge;
    private ulong _hash;
    private int _length;

    /// <summary>Creates a chunker for validated <paramref name="options"/>.</summary>
    public Chunker(ChunkingOptions options)
    {
        _fixed = options.Method == ChunkingMethod.Fixed;
        _min = options.MinSize;
        _normal = options.AverageSize;
        _max = options.LargestBlock;
        if (!_fixed)
        {
            int bits = BitOperations.Log2((uint)options.AverageSize);
            _maskSmall = HighBits(bits + 2);
            _maskLarge = HighBits(Math.Max(bits - 2, 1));
        }
    }

    /// <summary>Bytes in the chunk being built.</summary>
    public int PendingLength => _length;

    /// <summary>
    /// Scans <paramref name="data"/>, the next bytes of the stream, for the end of the current chunk.
    /// </summary>
    /// <param name="data">The next bytes; not kept.</param>
    /// <param name="cut">True when the chunk ends within <paramref name="data"/>; the chunker then starts a new one.</param>
    /// <returns>How many bytes of <paramref name="data"/> belong to the current chunk.</returns>
    public int Scan(ReadOnlySpan<byte> data, out bool cut)
    {
        bool found = false;
        int consumed = _fixed ? Math.Min(data.Length, _max - _length) : ScanGear(data, out found);
        _length += consumed;
        cut = found || _length == _max;
        if (cut)
        {
            Reset();
        }
        return consumed;
    }

    /// <summary>Forgets the current chunk (after an explicit end of block).</summary>
    public void Reset()
    {
        _hash = 0;
        _length = 0;
    }

    private int ScanGear(ReadOnlySpan<byte> data, out bool found)
    {
        found = false;
        int i = 0;
        int n = data.Length;
        if (_length < _min)
        {
            i = Math.Min(n, _min - _length);
        }
        ref byte src = ref MemoryMarshal.GetReference(data);
        ref ulong gear = ref MemoryMarshal.GetArrayDataReference(GearTable.Values);
        ulong h = _hash;
        int position = _length + i;
        int end = Math.Min(n, i + Math.Max(0, _normal - position));
        ulong mask = _maskSmall;
        for (int pass = 0; pass < 2; pass++)
        {
            while (i < end)
            {
                h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref src, i));
                i++;
                if ((h & mask) == 0)
                {
                    found = true;
                    return i;
                }
            }
            end = Math.Min(n, i + (_max - (_length + i)));
            mask = _maskLarge;
        }
        _hash = h;
        return i;
    }

    private static ulong HighBits(int count) => ulong.MaxValue << (64 - count);
}
