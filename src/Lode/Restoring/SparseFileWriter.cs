namespace Lode;

/// <summary>
/// A write-only stream that leaves holes: every 4 KiB page of the output (aligned to the file's offsets) whose bytes
/// are all zero is seeked over instead of written, and <see cref="Dispose(bool)"/> sets the file's length, so the
/// file reads back byte for byte while its zero pages take no disk space (as <c>cp --sparse=always</c> and
/// <c>tar --sparse</c> do). The output must start empty and seekable. Not thread-safe; owns nothing.
/// </summary>
internal sealed class SparseFileWriter(FileStream output) : Stream
{
    private const int PageSize = 4096;

    private long _position;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _position;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() => output.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            // One run of pages that are all zero, or all not: the first page may be partial (alignment).
            int first = (int)Math.Min(buffer.Length, PageSize - (_position % PageSize));
            bool zero = IsZero(buffer[..first]);
            int run = first;
            while (run < buffer.Length && IsZero(buffer.Slice(run, Math.Min(PageSize, buffer.Length - run))) == zero)
            {
                run += Math.Min(PageSize, buffer.Length - run);
            }
            if (!zero)
            {
                output.Position = _position;
                output.Write(buffer[..run]);
            }
            _position += run;
            buffer = buffer[run..];
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && output.Length != _position)
        {
            output.SetLength(_position);
        }
        base.Dispose(disposing);
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);
}
