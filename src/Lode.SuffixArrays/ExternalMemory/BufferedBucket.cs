using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>
/// The shared part of both bucket stores: records are encoded into an in-memory buffer, and a full buffer is
/// handed to <see cref="Flush"/>; loading reads the flushed records back (<see cref="ReadFlushed"/>) and then the
/// buffer. Run boundaries are kept as record indices.
/// </summary>
internal abstract class BufferedBucket : IBucket
{
    private readonly Lock _lock = new();
    private readonly List<long> _runStarts = [];
    private byte[] _buffer;
    private int _buffered;

    /// <summary>Starts an empty bucket whose buffer holds <paramref name="bufferRecords"/> records (at least 1).</summary>
    protected BufferedBucket(RecordFormat format, int bufferRecords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferRecords, 1);
        Format = format;
        RecordSize = Records.Size(format);
        _buffer = new byte[(long)bufferRecords * RecordSize];
    }

    /// <inheritdoc />
    public RecordFormat Format { get; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int RunCount
    {
        get
        {
            lock (_lock)
            {
                return _runStarts.Count;
            }
        }
    }

    /// <summary>The bytes in the records flushed so far.</summary>
    protected long FlushedBytes { get; private set; }

    /// <summary>The size of one record, in bytes.</summary>
    protected int RecordSize { get; }

    /// <inheritdoc />
    public void AppendRun<T>(ReadOnlySpan<T> positions, ReadOnlySpan<T> lcps)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (positions.IsEmpty)
        {
            return;
        }
        lock (_lock)
        {
            _runStarts.Add(Count);
            int perBuffer = _buffer.Length / RecordSize;
            int done = 0;
            while (done < positions.Length)
            {
                int take = Math.Min(positions.Length - done, perBuffer - (_buffered / RecordSize));
                Records.Encode(Format, positions.Slice(done, take), lcps.IsEmpty ? lcps : lcps.Slice(done, take),
                    _buffer.AsSpan(_buffered, take * RecordSize));
                _buffered += take * RecordSize;
                done += take;
                Count += take;
                if (_buffered == _buffer.Length)
                {
                    _buffer = Flush(_buffer);
                    FlushedBytes += _buffered;
                    _buffered = 0;
                }
            }
        }
    }

    /// <inheritdoc />
    public void LoadAll<T>(Span<T> positions, Span<T> lcps, Span<int> runStarts)
        where T : unmanaged, IBinaryInteger<T>
    {
        lock (_lock)
        {
            int flushedRecords = checked((int)(FlushedBytes / RecordSize));
            var chunk = new byte[Math.Max(_buffer.Length, RecordSize)];
            int records = 0;
            while (records < flushedRecords)
            {
                int take = Math.Min(flushedRecords - records, chunk.Length / RecordSize);
                ReadFlushed((long)records * RecordSize, chunk.AsSpan(0, take * RecordSize));
                Records.Decode(Format, chunk.AsSpan(0, take * RecordSize), positions[records..], lcps.IsEmpty ? lcps : lcps[records..]);
                records += take;
            }
            Records.Decode(Format, _buffer.AsSpan(0, _buffered), positions[records..], lcps.IsEmpty ? lcps : lcps[records..]);
            for (int r = 0; r < _runStarts.Count; r++)
            {
                runStarts[r] = checked((int)_runStarts[r]);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the store holds for this bucket.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Takes a full buffer and returns the buffer to fill next (the same one, or a new one if it was kept).</summary>
    protected abstract byte[] Flush(byte[] full);

    /// <summary>Reads flushed bytes [<paramref name="offset"/>, +<c>destination.Length</c>) of the bucket.</summary>
    protected abstract void ReadFlushed(long offset, Span<byte> destination);
}
