namespace Lode.Snapshots.Reading;

/// <summary>
/// A read-only, seekable view of one logical stream of a <see cref="SnapshotReader"/>. Each instance has its
/// own position: one thread at a time per instance.
/// </summary>
internal sealed class SnapshotStream(SnapshotReader reader, string stream, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        int n = reader.ReadAt(stream, _position, buffer);
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0)
        {
            throw new IOException($"Cannot seek to {target}: before the start of stream '{stream}'.");
        }
        _position = target;
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("Snapshot streams are read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Snapshot streams are read-only.");
}
