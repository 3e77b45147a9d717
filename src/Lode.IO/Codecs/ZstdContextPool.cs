using System.Collections.Concurrent;

namespace Lode.IO;

/// <summary>
/// A pool of native libzstd contexts of one kind: <see cref="Compression"/> (ZSTD_CCtx) or <see cref="Decompression"/>
/// (ZSTD_DCtx), shared by <see cref="Zstd"/> and every <see cref="ZstdDictionary"/>. A context is used by one call at a
/// time: <see cref="Rent"/> it, use it, <see cref="Return"/> it (also after a failed call).
/// </summary>
/// <remarks>
/// Thread-safe. Contexts live as long as the process; the pool holds as many as calls have run at once. Sharing one
/// pool between plain and dictionary calls is safe because every one-shot libzstd call used here
/// (<c>ZSTD_compressCCtx</c>, <c>ZSTD_compress_usingCDict</c>, <c>ZSTD_decompressDCtx</c>,
/// <c>ZSTD_decompress_usingDDict</c>) resets the context's parameters and dictionary before it starts.
/// </remarks>
internal sealed class ZstdContextPool
{
    /// <summary>Compression contexts (ZSTD_CCtx).</summary>
    public static readonly ZstdContextPool Compression = new(NativeMethods.ZSTD_createCCtx, "compression");

    /// <summary>Decompression contexts (ZSTD_DCtx).</summary>
    public static readonly ZstdContextPool Decompression = new(NativeMethods.ZSTD_createDCtx, "decompression");

    private readonly ConcurrentBag<nint> _contexts = [];
    private readonly Func<nint> _create;
    private readonly string _kind;

    private ZstdContextPool(Func<nint> create, string kind)
    {
        _create = create;
        _kind = kind;
    }

    /// <summary>A pooled context, or a new one when none is free. The caller owns it until <see cref="Return"/>.</summary>
    /// <exception cref="OutOfMemoryException">libzstd could not allocate a context.</exception>
    public nint Rent()
    {
        if (_contexts.TryTake(out nint context))
        {
            return context;
        }
        context = _create();
        return context != 0 ? context : throw new OutOfMemoryException($"libzstd could not create a {_kind} context.");
    }

    /// <summary>Gives back a context from <see cref="Rent"/> of this pool; the caller must not use it afterwards.</summary>
    public void Return(nint context) => _contexts.Add(context);
}
