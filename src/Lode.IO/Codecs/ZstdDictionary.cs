using System.Runtime.InteropServices;

namespace Lode.IO;

/// <summary>
/// A zstd dictionary: trained from sample blocks (<see cref="Train"/>), then used to compress and decompress many
/// small blocks that share its content — each block still a self-contained zstd frame that names the dictionary.
/// Wraps libzstd's ZDICT trainer and its digested dictionaries (one CDict per compression level, one DDict).
/// </summary>
/// <remarks>
/// Thread-safe: any number of threads may compress and decompress at once (each call takes a native context from
/// <see cref="ZstdContextPool"/>, shared with <see cref="Zstd"/>). <see cref="Dispose"/> frees the native dictionaries
/// once no call is using them; later calls throw <see cref="ObjectDisposedException"/>. The dictionary bytes are copied at construction; callers keep theirs.
/// </remarks>
public sealed class ZstdDictionary : IDisposable
{
    /// <summary>The dictionary size zstd's command-line trainer uses by default: 110 KiB (112 640 bytes).</summary>
    public const int DefaultCapacity = 112_640;

    /// <summary>The smallest dictionary capacity <see cref="Train"/> accepts: 256 bytes.</summary>
    public const int MinimumCapacity = 256;

    private readonly byte[] _bytes;
    private readonly Dictionary<int, DictionaryHandle> _compression = [];
    private readonly Lock _lock = new();
    private DictionaryHandle? _decompression;
    private bool _disposed;

    /// <summary>Wraps dictionary bytes, e.g. from <see cref="Train"/> or read back from a file.</summary>
    /// <param name="dictionary">The dictionary: zstd's format, or any bytes (then used as raw content).</param>
    /// <exception cref="ArgumentException">The dictionary is empty.</exception>
    public ZstdDictionary(ReadOnlySpan<byte> dictionary)
    {
        if (dictionary.IsEmpty)
        {
            throw new ArgumentException("A zstd dictionary cannot be empty.", nameof(dictionary));
        }
        _bytes = dictionary.ToArray();
    }

    /// <summary>The dictionary's bytes, as stored.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>
    /// Trains a dictionary of at most <paramref name="capacity"/> bytes from samples laid end to end in
    /// <paramref name="samples"/>, with libzstd's default trainer (<c>ZDICT_trainFromBuffer</c>: fastCover,
    /// d = 8, four k values tried). zstd advises about 100 times the capacity in samples; fewer still work.
    /// </summary>
    /// <param name="samples">The samples, back to back.</param>
    /// <param name="sampleLengths">Each sample's length in bytes, in order; they sum to samples.Length.</param>
    /// <param name="capacity">The largest dictionary wanted, at least <see cref="MinimumCapacity"/> bytes.</param>
    /// <returns>The dictionary's bytes (at most <paramref name="capacity"/>).</returns>
    /// <exception cref="ArgumentException">The lengths do not add up, a length is not positive, or the capacity is too small.</exception>
    /// <exception cref="CodecException">zstd could not train a dictionary, e.g. from too few or too small samples.</exception>
    public static unsafe byte[] Train(ReadOnlySpan<byte> samples, ReadOnlySpan<int> sampleLengths, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, MinimumCapacity);
        var sizes = new nuint[sampleLengths.Length];
        long total = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleLengths[i], nameof(sampleLengths));
            sizes[i] = (nuint)sampleLengths[i];
            total += sampleLengths[i];
        }
        if (total != samples.Length)
        {
            throw new ArgumentException($"The sample lengths add up to {total} bytes, but {samples.Length} sample bytes were given.", nameof(sampleLengths));
        }
        var dictionary = new byte[capacity];
        fixed (byte* dst = dictionary)
        fixed (byte* src = samples)
        fixed (nuint* lengths = sizes)
        {
            nuint result = NativeMethods.ZDICT_trainFromBuffer(dst, (nuint)capacity, src, lengths, (uint)sizes.Length);
            if (NativeMethods.ZDICT_isError(result) != 0)
            {
                string name = Marshal.PtrToStringAnsi(NativeMethods.ZDICT_getErrorName(result)) ?? "unknown error";
                throw new CodecException($"zstd could not train a dictionary from {sizes.Length} samples ({total} bytes): {name}.");
            }
            return dictionary[..(int)result];
        }
    }

    /// <summary>Compresses <paramref name="source"/> as one zstd frame that uses this dictionary.</summary>
    /// <param name="source">The bytes to compress.</param>
    /// <param name="destination">At least <see cref="Zstd.CompressBound"/>(source.Length) bytes guarantees success.</param>
    /// <param name="level">The zstd level (as <see cref="Zstd.Compress"/>); one digested dictionary is kept per level used.</param>
    /// <returns>The compressed length in bytes.</returns>
    /// <exception cref="CodecException">The destination is too small, or libzstd cannot digest the dictionary.</exception>
    /// <exception cref="ObjectDisposedException">The dictionary was disposed.</exception>
    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level) =>
        Run(CompressionHandle(level), compress: true, source, destination);

    /// <summary>Decompresses one zstd frame made with this dictionary into <paramref name="destination"/>.</summary>
    /// <returns>The decompressed length in bytes.</returns>
    /// <exception cref="CodecException">The frame is malformed, needs another dictionary, or does not fit; or libzstd
    /// cannot digest the dictionary (malformed, or out of memory).</exception>
    /// <exception cref="ObjectDisposedException">The dictionary was disposed.</exception>
    public int Decompress(ReadOnlySpan<byte> source, Span<byte> destination) =>
        Run(DecompressionHandle(), compress: false, source, destination);

    /// <summary>Frees the native dictionaries once calls in flight finish. Safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var handle in _compression.Values)
            {
                handle.Dispose();
            }
            _compression.Clear();
            _decompression?.Dispose();
        }
    }

    private unsafe DictionaryHandle CompressionHandle(int level)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_compression.TryGetValue(level, out var handle))
            {
                fixed (byte* dict = _bytes)
                {
                    handle = new DictionaryHandle(NativeMethods.ZSTD_createCDict(dict, (nuint)_bytes.Length, level), compression: true);
                }
                _compression.Add(level, handle);
            }
            return handle;
        }
    }

    private unsafe DictionaryHandle DecompressionHandle()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_decompression is null)
            {
                fixed (byte* dict = _bytes)
                {
                    _decompression = new DictionaryHandle(NativeMethods.ZSTD_createDDict(dict, (nuint)_bytes.Length), compression: false);
                }
            }
            return _decompression;
        }
    }

    /// <summary>One call with a pooled context, holding a reference on the digested dictionary for its duration.</summary>
    private static unsafe int Run(DictionaryHandle handle, bool compress, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var pool = compress ? ZstdContextPool.Compression : ZstdContextPool.Decompression;
        nint context = pool.Rent();
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            nint dictionary = handle.DangerousGetHandle();
            fixed (byte* src = source)
            fixed (byte* dst = destination)
            {
                nuint result = compress
                    ? NativeMethods.ZSTD_compress_usingCDict(context, dst, (nuint)destination.Length, src, (nuint)source.Length, dictionary)
                    : NativeMethods.ZSTD_decompress_usingDDict(context, dst, (nuint)destination.Length, src, (nuint)source.Length, dictionary);
                return Zstd.Check(result, compress ? "compress with the dictionary" : "decompress with the dictionary");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
            pool.Return(context);
        }
    }

    /// <summary>A CDict or DDict; reference-counted by SafeHandle so a call in flight keeps it alive past Dispose.</summary>
    private sealed class DictionaryHandle : SafeHandle
    {
        private readonly bool _compression;

        public DictionaryHandle(nint handle, bool compression) : base(0, ownsHandle: true)
        {
            if (handle == 0)
            {
                throw new CodecException("libzstd could not digest the dictionary: it is malformed (or memory ran out).");
            }
            SetHandle(handle);
            _compression = compression;
        }

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            _ = _compression ? NativeMethods.ZSTD_freeCDict(handle) : NativeMethods.ZSTD_freeDDict(handle);
            return true;
        }
    }
}
