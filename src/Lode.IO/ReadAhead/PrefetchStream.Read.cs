using System.Diagnostics;

namespace Lode.IO;

public sealed partial class PrefetchStream
{
    /// <inheritdoc />
    /// <exception cref="IOException">The inner stream failed (the original exception is the inner exception).</exception>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    /// <exception cref="IOException">The inner stream failed (the original exception is the inner exception).</exception>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int total = 0;
        while (total < buffer.Length && CurrentOrNext(wait: total == 0))
        {
            total += Drain(buffer[total..]);
        }
        return Finish(total);
    }

    /// <summary>Consumes and returns up to <paramref name="maxBytes"/> unread bytes straight from the current chunk,
    /// without copying them, waiting for the next chunk when the current one is used up. Empty at the end.</summary>
    /// <remarks>The span points into a pooled buffer the stream owns: it is valid only until the next call on this
    /// stream (any read, copy or dispose). Zero-copy consumers (hashing, compressing) read this way.</remarks>
    /// <exception cref="IOException">The inner stream failed (the original exception is the inner exception).</exception>
    public ReadOnlySpan<byte> ReadChunk(int maxBytes = int.MaxValue)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        if (!CurrentOrNext(wait: true))
        {
            Finish(0);
            return [];
        }
        int count = Math.Min(maxBytes, _current.Count - _offset);
        var span = _current.Buffer.AsSpan(_offset, count);
        Consume(count);
        return span;
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    /// <inheritdoc />
    /// <exception cref="IOException">The inner stream failed (the original exception is the inner exception).</exception>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.Length > 0 && !HasBytesOrEnd())
        {
            await WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return Read(buffer.Span);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>Writes every remaining byte to <paramref name="destination"/> straight from the chunk buffers.</summary>
    /// <exception cref="IOException">The inner stream failed, after every byte before the failure was written.</exception>
    public override void CopyTo(Stream destination, int bufferSize)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (CurrentOrNext(wait: true))
        {
            int count = _current.Count - _offset;
            destination.Write(_current.Buffer!, _offset, count);
            Consume(count);
        }
        Finish(0);
    }

    /// <inheritdoc cref="CopyTo(Stream, int)"/>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            if (!HasBytesOrEnd())
            {
                await WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            if (!CurrentOrNext(wait: false))
            {
                break;
            }
            int count = _current.Count - _offset;
            await destination.WriteAsync(_current.Buffer.AsMemory(_offset, count), cancellationToken).ConfigureAwait(false);
            Consume(count);
        }
        Finish(0);
    }

    /// <summary>Makes sure the current chunk has unread bytes, taking the next chunk if needed. Returns false at the
    /// end, at an error (kept for <see cref="Finish"/>), or when <paramref name="wait"/> is false and nothing is ready.</summary>
    private bool CurrentOrNext(bool wait)
    {
        while (_offset == _current.Count)
        {
            if (_ended || _current.Last)
            {
                ReleaseCurrent();
                _ended = true;
                return false;
            }
            ReleaseCurrent();
            if (!_window.TryTake(out var next))
            {
                if (!wait)
                {
                    return false;
                }
                WaitStalled();
                continue;
            }
            _current = next;
            if (next.Error is not null)
            {
                _pendingError = next.Error;
                _ended = true;
                return false;
            }
        }
        return true;
    }

    private void WaitStalled()
    {
        long start = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _stalls);
        while (!_window.HasReady && !_disposed)
        {
            _window.WaitReady();
        }
        Interlocked.Add(ref _stallTicks, Stopwatch.GetTimestamp() - start);
        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _stalls);
        try
        {
            while (!HasBytesOrEnd())
            {
                await _window.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Add(ref _stallTicks, Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>Whether a read can make progress without waiting (bytes in hand, a ready chunk, the end or an error).</summary>
    private bool HasBytesOrEnd() => _offset < _current.Count || _ended || _current.Last || _window.HasReady;

    private int Drain(Span<byte> destination)
    {
        int count = Math.Min(destination.Length, _current.Count - _offset);
        _current.Buffer.AsSpan(_offset, count).CopyTo(destination);
        Consume(count);
        return count;
    }

    private void Consume(int count)
    {
        _offset += count;
        Interlocked.Add(ref _bytesConsumed, count);
    }

    private void ReleaseCurrent()
    {
        _pool.Return(_current.Buffer);
        _current = _current with { Buffer = null, Count = 0 };
        _offset = 0;
    }

    /// <summary>Returns <paramref name="total"/>, or throws the pending producer error once when nothing was read.</summary>
    private int Finish(int total)
    {
        if (total == 0 && _pendingError is { } error)
        {
            _pendingError = null;
            throw new IOException($"Reading ahead failed: {error.Message}", error);
        }
        return total;
    }
}
