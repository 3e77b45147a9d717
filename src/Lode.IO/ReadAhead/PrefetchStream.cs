using System.Diagnostics;

namespace Lode.IO;

/// <summary>
/// A read-only stream that reads its input ahead of the consumer on a dedicated background thread (or, for files,
/// N concurrent positional readers), so a stall of the device is no longer a stall of the code that consumes the
/// bytes. Chunks (default 4 MiB) travel through a bounded queue (default depth 4); the consumer waits only when the
/// queue is empty.
/// </summary>
/// <remarks>
/// <para>Design after fgumi's <c>PrefetchReader</c>. Memory: at most <c>depth + 2</c> chunk buffers are alive, all
/// rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> and returned.</para>
/// <para>The first bytes of a slow source are handed over after the first successful inner read, not when a chunk is
/// full. If the inner stream throws, every byte read before the failure is delivered first, then one
/// <see cref="IOException"/> wrapping the original exception, then reads return 0. After the end of the input every
/// read returns 0.</para>
/// <para>Not safe for concurrent consumers (like <see cref="FileStream"/>): one thread reads at a time.
/// <see cref="Dispose(bool)"/> stops the producer even when it waits on a full queue, waits for an inner read in
/// progress to return, joins the thread, and then disposes the inner stream (unless <c>leaveOpen</c>) on the calling
/// thread.</para>
/// </remarks>
public sealed partial class PrefetchStream : Stream
{
    /// <summary>The default chunk size: 4 MiB.</summary>
    public const int DefaultChunkSize = 4 << 20;

    /// <summary>The default queue depth: 4 chunks.</summary>
    public const int DefaultDepth = 4;

    private readonly ChunkWindow _window;
    private readonly ChunkBufferPool _pool;
    private readonly ReadAheadProducer _producer;
    private ReadAheadChunk _current;
    private int _offset;
    private bool _ended;
    private Exception? _pendingError;
    private bool _disposed;
    private long _bytesConsumed;
    private long _stalls;
    private long _stallTicks;

    /// <summary>Starts reading <paramref name="inner"/> ahead on a background thread.</summary>
    /// <param name="inner">The readable stream to read ahead; the producer thread is its only reader from now on.</param>
    /// <param name="chunkSize">Bytes per chunk (the largest single inner read), at least 1.</param>
    /// <param name="depth">Chunks queued ahead of the consumer, at least 1.</param>
    /// <param name="leaveOpen">Keep <paramref name="inner"/> open when this stream is disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> or <paramref name="depth"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="inner"/> is not readable.</exception>
    public PrefetchStream(Stream inner, int chunkSize = DefaultChunkSize, int depth = DefaultDepth, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        if (!inner.CanRead)
        {
            throw new ArgumentException("The inner stream of a PrefetchStream must be readable.", nameof(inner));
        }
        _window = new ChunkWindow(depth);
        _pool = new ChunkBufferPool(chunkSize);
        _producer = new StreamReadAheadProducer(inner, leaveOpen, _window, _pool);
        _producer.Start();
    }

    private PrefetchStream(ChunkWindow window, ChunkBufferPool pool, ReadAheadProducer producer)
    {
        _window = window;
        _pool = pool;
        _producer = producer;
        _producer.Start();
    }

    /// <summary>Bytes handed to the consumer so far.</summary>
    public long BytesConsumed => Interlocked.Read(ref _bytesConsumed);

    /// <summary>Reads (or copies) that found the queue empty and had to wait for the producer.</summary>
    public long ConsumerStalls => Interlocked.Read(ref _stalls);

    /// <summary>Total time the consumer spent waiting for the producer.</summary>
    public TimeSpan StallTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _stallTicks));

    /// <summary>Times a producer found the queue full and waited for the consumer (a producer faster than its
    /// consumer; more depth would not help).</summary>
    public long ProducerWaits => _window.ProducerWaits;

    /// <summary>Chunk buffers currently rented (for tests of the memory bound).</summary>
    internal int BuffersOutstanding => _pool.Outstanding;

    /// <summary>The most chunk buffers rented at once (for tests of the memory bound).</summary>
    internal int PeakBuffersOutstanding => _pool.Peak;

    /// <summary>Whether every producer thread has exited (for tests).</summary>
    internal bool ProducerExited => _producer.Exited;

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <summary>Not supported: the stream is forward-only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override long Length => throw new NotSupportedException("A PrefetchStream has no length; it is forward-only.");

    /// <summary>Not supported: the stream is forward-only; see <see cref="BytesConsumed"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override long Position
    {
        get => throw new NotSupportedException("A PrefetchStream cannot seek; BytesConsumed tells how far it has read.");
        set => throw new NotSupportedException("A PrefetchStream cannot seek.");
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A PrefetchStream cannot seek.");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void SetLength(long value) => throw new NotSupportedException("A PrefetchStream is read-only.");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A PrefetchStream is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _window.Cancel(_pool);
            _producer.Stop();
            _pool.Return(_current.Buffer);
            _current = default;
        }
        base.Dispose(disposing);
    }
}
