namespace Lode.ObjectStorage;

/// <summary>
/// A read-only, forward-only stream over a put's content that copies every byte read into a
/// <see cref="CacheWriter"/>, and notes whether the content was read to its end.
/// </summary>
/// <remarks>Not thread-safe, like the streams it wraps. Does not own the content or the writer.</remarks>
internal sealed class TeeReadStream(Stream content, CacheWriter writer) : Stream
{
    /// <summary>The bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Whether a read returned 0: the copy holds the whole content.</summary>
    public bool ReachedEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        byte[] copy = new byte[buffer.Length];
        int n = ReadAsync(copy).AsTask().GetAwaiter().GetResult();
        copy.AsSpan(0, n).CopyTo(buffer);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await content.ReadAsync(buffer, cancellationToken);
        if (n == 0)
        {
            ReachedEnd = buffer.Length > 0 || ReachedEnd;
            return 0;
        }
        BytesRead += n;
        await writer.WriteAsync(buffer[..n], cancellationToken);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
