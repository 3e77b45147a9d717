using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Lode.SuffixArrays;

/// <summary>
/// A string of <typeparamref name="T"/> symbols (bytes at the top level, non-negative ints for reduced strings)
/// as an <see cref="ISaisText"/>. Borrows the caller's span; the caller keeps it alive and unchanged. The
/// symbols need not be pinned: a prefetch of an address the garbage collector has since moved is only a wasted hint.
/// </summary>
/// <typeparam name="T">byte or int.</typeparam>
internal readonly ref struct SaisText<T> : ISaisText
    where T : unmanaged, IBinaryInteger<T>
{
    private readonly ref readonly T _first;
    private readonly int _length;

    /// <summary>Wraps <paramref name="symbols"/> without copying.</summary>
    public SaisText(ReadOnlySpan<T> symbols)
    {
        _first = ref MemoryMarshal.GetReference(symbols);
        _length = symbols.Length;
    }

    /// <inheritdoc />
    public int Length => _length;

    /// <inheritdoc />
    public int this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Debug.Assert((uint)index < (uint)_length);
            return int.CreateTruncating(Unsafe.Add(ref Unsafe.AsRef(in _first), index));
        }
    }

    /// <inheritdoc />
    public bool RangeEquals(int a, int b, int length)
    {
        var symbols = MemoryMarshal.CreateReadOnlySpan(in _first, _length);
        return symbols.Slice(a, length).SequenceEqual(symbols.Slice(b, length));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (ulong Less, ulong Equal) CompareWithNext(int start)
    {
        Debug.Assert(start >= 0 && start + 64 < _length);
        ref T first = ref Unsafe.Add(ref Unsafe.AsRef(in _first), start);
        ulong less = 0;
        ulong equal = 0;
        for (int k = 0; k < 64; k += Vector128<T>.Count)
        {
            var current = Vector128.LoadUnsafe(ref first, (nuint)k);
            var next = Vector128.LoadUnsafe(ref first, (nuint)k + 1);
            less |= (ulong)Vector128.LessThan(current, next).ExtractMostSignificantBits() << k;
            equal |= (ulong)Vector128.Equals(current, next).ExtractMostSignificantBits() << k;
        }
        return (less, equal);
    }

    /// <inheritdoc />
    /// <remarks>An index outside the text (callers pass complemented or -1 entries) hints the first symbol instead, so
    /// the reference made never points outside the array.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int index) =>
        CacheHints.Prefetch(ref Unsafe.Add(ref Unsafe.AsRef(in _first), (uint)index < (uint)_length ? index : 0));
}
