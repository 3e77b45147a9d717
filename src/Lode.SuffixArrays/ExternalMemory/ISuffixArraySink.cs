using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>Where external-memory construction puts the finished suffix array (and LCP array): an array or a file.</summary>
/// <remarks>Writes of different partitions come from several threads at once and never overlap.</remarks>
internal interface ISuffixArraySink<T>
    where T : unmanaged, IBinaryInteger<T>
{
    /// <summary>Whether the LCP array is wanted.</summary>
    bool WantsLcp { get; }

    /// <summary>Writes entries [<paramref name="start"/>, +<c>sa.Length</c>) and, if wanted, their LCPs.</summary>
    void Write(long start, ReadOnlySpan<T> sa, ReadOnlySpan<T> lcp);

    /// <summary>Overwrites the LCP at <paramref name="index"/> (the fix at a partition start).</summary>
    void WriteLcp(long index, long value);
}

/// <summary>A sink into int arrays, for <see cref="SuffixArray.Build"/> under a memory budget.</summary>
internal sealed class ArraySink(int[] sa, int[]? lcp) : ISuffixArraySink<int>
{
    /// <inheritdoc />
    public bool WantsLcp => lcp is not null;

    /// <inheritdoc />
    public void Write(long start, ReadOnlySpan<int> entries, ReadOnlySpan<int> lcps)
    {
        entries.CopyTo(sa.AsSpan((int)start));
        lcps.CopyTo(lcp is null ? [] : lcp.AsSpan((int)start));
    }

    /// <inheritdoc />
    public void WriteLcp(long index, long value) => lcp![index] = (int)value;
}
