using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Lode.SuffixArrays;

/// <summary>
/// A sink into a suffix array file (<see cref="SuffixArrayFileInfo"/>): entries of sizeof(T) bytes, little-endian,
/// written with positional writes at their final offsets, so partitions may be written in any order and in parallel.
/// </summary>
internal sealed class FileSink<T>(SafeFileHandle file, long suffixArrayOffset, long lcpOffset) : ISuffixArraySink<T>
    where T : unmanaged, IBinaryInteger<T>
{
    private static readonly int EntryBytes = Marshal.SizeOf<T>();

    /// <inheritdoc />
    public bool WantsLcp => lcpOffset >= 0;

    /// <inheritdoc />
    public void Write(long start, ReadOnlySpan<T> sa, ReadOnlySpan<T> lcp)
    {
        WriteEntries(suffixArrayOffset + (start * EntryBytes), sa);
        if (WantsLcp)
        {
            WriteEntries(lcpOffset + (start * EntryBytes), lcp);
        }
    }

    /// <inheritdoc />
    public void WriteLcp(long index, long value)
    {
        Span<byte> entry = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(entry, value);
        RandomAccess.Write(file, entry[..EntryBytes], lcpOffset + (index * EntryBytes));
    }

    /// <summary>Writes entries in slices of at most 2^24 (so a byte view never exceeds 2 GiB).</summary>
    private void WriteEntries(long offset, ReadOnlySpan<T> entries)
    {
        const int Slice = 1 << 24;
        for (int done = 0; done < entries.Length; done += Slice)
        {
            var slice = entries.Slice(done, Math.Min(Slice, entries.Length - done));
            long at = offset + ((long)done * EntryBytes);
            if (BitConverter.IsLittleEndian)
            {
                RandomAccess.Write(file, MemoryMarshal.AsBytes(slice), at);
                continue;
            }
            var bytes = new byte[slice.Length * EntryBytes];
            for (int e = 0; e < slice.Length; e++)
            {
                slice[e].WriteLittleEndian(bytes, e * EntryBytes);
            }
            RandomAccess.Write(file, bytes, at);
        }
    }
}
