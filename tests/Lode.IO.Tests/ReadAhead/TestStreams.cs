namespace Lode.IO.Tests.ReadAhead;

/// <summary>The members every readable, forward-only test stream shares.</summary>
internal abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A readable stream that returns <c>data</c> in reads of at most <c>maxRead</c> bytes, then throws
/// <c>error</c> (or ends when it is null). Records the thread that disposed it.</summary>
internal sealed class ScriptedStream(byte[] data, int maxRead = int.MaxValue, Exception? error = null) : ForwardOnlyStream
{
    private int _position;

    public int? DisposedOnThread { get; private set; }

    public int Reads { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        Reads++;
        int n = Math.Min(Math.Min(count, maxRead), data.Length - _position);
        if (n == 0 && error is not null)
        {
            throw error;
        }
        data.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
        _position += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        DisposedOnThread = Environment.CurrentManagedThreadId;
        base.Dispose(disposing);
    }
}

/// <summary>Returns <c>first</c> on the first read, then blocks every later read until <see cref="Release"/>, then
/// ends. Models a slow pipe: a small write, then a long pause.</summary>
internal sealed class PausingStream(byte[] first) : ForwardOnlyStream
{
    private readonly ManualResetEventSlim _released = new();
    private bool _sentFirst;

    public void Release() => _released.Set();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (!_sentFirst)
        {
            _sentFirst = true;
            first.CopyTo(buffer, offset);
            return first.Length;
        }
        _released.Wait();
        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        _released.Dispose();
        base.Dispose(disposing);
    }
}
