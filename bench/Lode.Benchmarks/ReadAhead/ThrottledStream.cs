using System.Diagnostics;

namespace Lode.Benchmarks.ReadAhead;

/// <summary>A source that delivers <c>length</c> bytes at a fixed rate: each read of n bytes takes n / rate seconds
/// (slept, like a device that is busy but leaves the CPU free).</summary>
internal sealed class ThrottledStream(long length, double bytesPerSecond, int maxRead) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = (int)Math.Min(Math.Min(buffer.Length, maxRead), length - _position);
        if (n <= 0)
        {
            return 0;
        }
        long start = Stopwatch.GetTimestamp();
        buffer[..n].Fill((byte)_position);
        var remaining = TimeSpan.FromSeconds(n / bytesPerSecond) - Stopwatch.GetElapsedTime(start);
        if (remaining > TimeSpan.Zero)
        {
            Thread.Sleep(remaining);
        }
        _position += n;
        return n;
    }
}
