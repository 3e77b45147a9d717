using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Lode.SuffixArrays;

/// <summary>Software prefetch for the scans of SA-IS, whose reads jump around arrays far larger than the cache.</summary>
internal static class CacheHints
{
    /// <summary>
    /// Hints the processor to fetch the cache line of <paramref name="target"/> (a no-op without SSE). The
    /// memory need not be pinned: a prefetch of an address the garbage collector has since moved is only a
    /// wasted hint, and a prefetch never faults.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T target)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref target));
        }
    }
}
