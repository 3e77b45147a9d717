using Microsoft.Win32.SafeHandles;

namespace Lode.IO;

/// <summary>Reads a file with N positional readers (<see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>):
/// each thread claims the next chunk number and reads chunk <c>i</c> at offset <c>i × chunkSize</c>, so N reads are in
/// flight at once while the consumer still takes chunks in order. The first chunk shorter than the chunk size is the
/// last one (bytes a concurrent writer appends after it are not read, so the stream never has a gap). Optionally
/// asks the kernel to page ahead (<c>POSIX_FADV_WILLNEED</c>) one window beyond each claimed chunk.</summary>
internal sealed class FileReadAheadProducer : ReadAheadProducer
{
    private readonly SafeFileHandle _handle;
    private readonly bool _willNeed;
    private readonly int _depth;
    private long _end = long.MaxValue;

    public FileReadAheadProducer(SafeFileHandle handle, PrefetchFileOptions options, ChunkWindow window, ChunkBufferPool pool)
        : base(window, pool, options.Streams, "Lode read-ahead")
    {
        _handle = handle;
        _willNeed = options.WillNeed;
        _depth = options.Depth;
        if (_willNeed)
        {
            PageCache.WillNeed(handle, 0, (long)options.ChunkSize * options.Depth);
        }
    }

    protected override void Run()
    {
        int size = Pool.ChunkSize;
        while (true)
        {
            long index = Window.Claim();
            if (index < 0 || index > Interlocked.Read(ref _end))
            {
                return;
            }
            if (_willNeed)
            {
                PageCache.WillNeed(_handle, (index + _depth) * size, size);
            }
            byte[] buffer = Pool.Rent();
            int count = 0;
            try
            {
                int n;
                while (count < size && (n = RandomAccess.Read(_handle, buffer.AsSpan(count, size - count), index * size + count)) > 0)
                {
                    count += n;
                }
            }
#pragma warning disable CA1031 // any failure is delivered to the consumer, never lost
            catch (Exception e)
#pragma warning restore CA1031
            {
                Pool.Return(buffer);
                MarkEnd(index);
                Publish(index, ReadAheadChunk.Failed(e));
                return;
            }
            bool last = count < size;
            if (last)
            {
                MarkEnd(index);
            }
            if (count == 0)
            {
                Pool.Return(buffer);
                Publish(index, ReadAheadChunk.End);
                return;
            }
            if (!Publish(index, new ReadAheadChunk(buffer, count, null, last)) || last)
            {
                return;
            }
        }
    }

    protected override void ReleaseSource() => _handle.Dispose();

    private void MarkEnd(long index)
    {
        long current;
        while (index < (current = Interlocked.Read(ref _end)) && Interlocked.CompareExchange(ref _end, index, current) != current)
        {
        }
    }
}
