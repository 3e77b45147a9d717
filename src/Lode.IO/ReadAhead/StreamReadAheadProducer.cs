namespace Lode.IO;

/// <summary>Reads an inner <see cref="Stream"/> sequentially on one thread, one inner read per chunk: a chunk is
/// handed over after the first successful read, not when it is full, so the first bytes of a slow pipe reach the
/// consumer at once (a file or memory stream fills whole chunks in one read anyway).</summary>
internal sealed class StreamReadAheadProducer(Stream inner, bool leaveOpen, ChunkWindow window, ChunkBufferPool pool)
    : ReadAheadProducer(window, pool, 1, "Lode read-ahead")
{
    protected override void Run()
    {
        while (true)
        {
            long index = Window.Claim();
            if (index < 0)
            {
                return;
            }
            byte[] buffer = Pool.Rent();
            ReadAheadChunk chunk;
            try
            {
                int count = inner.Read(buffer, 0, Pool.ChunkSize);
                chunk = count > 0 ? new ReadAheadChunk(buffer, count, null, false) : ReadAheadChunk.End;
            }
#pragma warning disable CA1031 // any failure of the inner stream is delivered to the consumer, never lost
            catch (Exception e)
#pragma warning restore CA1031
            {
                chunk = ReadAheadChunk.Failed(e);
            }
            if (chunk.Buffer is null)
            {
                Pool.Return(buffer);
            }
            if (!Publish(index, chunk) || chunk.Last)
            {
                return;
            }
        }
    }

    protected override void ReleaseSource()
    {
        if (!leaveOpen)
        {
            inner.Dispose();
        }
    }
}
