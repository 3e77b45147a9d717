namespace Lode;

/// <summary>A forward-only stream over bytes [<c>start</c>, <c>end</c>) of a file in a snapshot, read through
/// <see cref="SnapshotView.ReadFile"/> (so every block is checked before its bytes are returned). The producer side of
/// read-ahead for restore, cat and check; not thread-safe.</summary>
internal sealed class FileContentStream(SnapshotView view, FileEntry file, long start, long end) : Stream
{
    private long _position = start;
    private readonly long _start = start;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => end - _start;
    public override long Position { get => _position - _start; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <exception cref="CorruptDataException">The stored bytes are damaged.</exception>
    public override int Read(Span<byte> buffer)
    {
        int wanted = (int)Math.Min(buffer.Length, end - _position);
        if (wanted <= 0)
        {
            return 0;
        }
        int n = view.ReadFile(file, _position, buffer[..wanted]);
        _position += n;
        return n;
    }
}
