using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Lode.SuffixArrays;

/// <summary>
/// The text being suffix-sorted, seen through a pointer so that it may be a pinned span or a memory-mapped
/// file longer than 2 GiB, and the order the sort uses: unsigned bytes over at most <see cref="Context"/>
/// leading bytes of each suffix.
/// </summary>
/// <remarks>
/// <para>Order (the bounded-context order; with an unbounded context it is the plain suffix order): compare
/// the first min(k, length) bytes of both suffixes; the first differing byte decides; when one of them is a
/// prefix of the other within the context, or both agree on all k bytes, the suffix that starts later sorts
/// first. With k unbounded that is exactly "a proper prefix sorts first" (the later suffix is the shorter),
/// and it is a strict total order for every k, so every phase sees the same order.</para>
/// <para>LCP values under this order are min(true LCP, k). The pointed-to memory must stay valid and
/// unchanged while the struct is used; the struct owns nothing. Thread-safe (read-only).</para>
/// </remarks>
internal readonly unsafe struct SuffixText
{
    private readonly byte* _text;

    /// <summary>Wraps <paramref name="length"/> bytes at <paramref name="text"/>, compared over at most <paramref name="context"/> bytes.</summary>
    public SuffixText(byte* text, long length, long context)
    {
        _text = text;
        Length = length;
        Context = context;
    }

    /// <summary>The text length n, in bytes.</summary>
    public long Length { get; }

    /// <summary>The bounded context k, in bytes (<see cref="long.MaxValue"/> when unbounded).</summary>
    public long Context { get; }

    /// <summary>The text byte at <paramref name="position"/>, which must be in [0, n).</summary>
    public byte this[long position] => _text[position];

    /// <summary>
    /// Compares suffixes <paramref name="a"/> and <paramref name="b"/> (distinct or equal positions), given that
    /// their first <paramref name="known"/> bytes are known to match (at most their LCP).
    /// </summary>
    /// <param name="a">One suffix's start position.</param>
    /// <param name="b">The other suffix's start position.</param>
    /// <param name="known">Leading bytes known to match.</param>
    /// <param name="aFirst">Whether suffix <paramref name="a"/> sorts strictly before <paramref name="b"/>.</param>
    /// <returns>Their LCP under the bounded context.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Compare(long a, long b, long known, out bool aFirst)
    {
        long limit = Math.Min(Context, Length - Math.Max(a, b));
        long lcp = known + CommonPrefix(a + known, b + known, limit - known);
        aFirst = lcp == limit ? a > b : _text[a + lcp] < _text[b + lcp];
        return lcp;
    }

    /// <summary>
    /// The first 8 bytes of the suffix at <paramref name="position"/> as a big-endian integer, so that integer
    /// order is the suffixes' order on those bytes; <paramref name="complete"/> tells whether all 8 lie inside the
    /// text and the context (when not, the value is meaningless and a full comparison is needed).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Prefix8(long position, out bool complete)
    {
        complete = position <= Length - sizeof(ulong) && Context >= sizeof(ulong);
        if (Length < sizeof(ulong))
        {
            return 0;
        }
        ulong raw = Unsafe.ReadUnaligned<ulong>(_text + Math.Min(position, Length - sizeof(ulong)));
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(raw) : raw;
    }

    /// <summary>The LCP of suffixes <paramref name="a"/> and <paramref name="b"/> under the bounded context.</summary>
    public long Lcp(long a, long b) => Compare(a, b, 0, out _);

    /// <summary>
    /// The number of equal leading bytes of the <paramref name="count"/>-byte strings at <paramref name="x"/> and
    /// <paramref name="y"/>: 8 bytes at a time first, then vectorised (<see cref="MemoryExtensions.CommonPrefixLength{T}(Span{T}, ReadOnlySpan{T})"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long CommonPrefix(long x, long y, long count)
    {
        if (BitConverter.IsLittleEndian && count >= sizeof(ulong))
        {
            ulong difference = Unsafe.ReadUnaligned<ulong>(_text + x) ^ Unsafe.ReadUnaligned<ulong>(_text + y);
            if (difference != 0)
            {
                // Little-endian: the lowest set bit is in the first differing byte.
                return BitOperations.TrailingZeroCount(difference) >> 3;
            }
        }
        return LongCommonPrefix(x, y, count);
    }

    private long LongCommonPrefix(long x, long y, long count)
    {
        long done = 0;
        while (done < count)
        {
            int chunk = (int)Math.Min(count - done, 1 << 30);
            int same = new ReadOnlySpan<byte>(_text + x + done, chunk).CommonPrefixLength(new ReadOnlySpan<byte>(_text + y + done, chunk));
            done += same;
            if (same < chunk)
            {
                break;
            }
        }
        return done;
    }
}
