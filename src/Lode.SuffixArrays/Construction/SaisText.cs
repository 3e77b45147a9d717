using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    public void Prefetch(int index) => CacheHints.Prefetch(ref Unsafe.Add(ref Unsafe.AsRef(in _first), index));
}
