using System.Buffers;
using Lode.Snapshots.Format;
using Lode.Snapshots.Writing;

namespace Lode.Snapshots;

/// <summary>
/// Writes a snapshot file: named logical streams cut into blocks (FastCDC or fixed-size), each block hashed,
/// zero-tested, deduplicated (against this file, then against earlier snapshots through
/// <see cref="SnapshotWriterOptions.BlockLookup"/>), compressed (optionally with a trained zstd dictionary),
/// optionally encrypted, and checksummed (CRC32C), then indexed by index pages and one master index per stream.
/// Layout: docs/format.md, "Snapshot container".
/// </summary>
/// <remarks>
/// <para>Not thread-safe: one caller at a time. Hashing, lookup and compression run on up to
/// <see cref="SnapshotWriterOptions.Parallelism"/> thread-pool threads; only the first chunk with a given hash is
/// looked up and compressed. Blocks are written in order on the calling thread, so the output is the same for any
/// parallelism and any split of the input into <see cref="Append"/> calls (up to random salts and nonces when
/// encrypted). At most 2 × Parallelism chunks are in flight, so memory is bounded (about 2 × Parallelism × 3 ×
/// the largest block, plus 230 KiB per stream and the dedup table, about 96 bytes per unique block; plus up to twice the sample size while a
/// dictionary sample is held back) whatever the input size.</para>
/// <para>Crash safety: the 1024-byte header is reserved as zeros first and written last, so an unfinished file
/// has no magic and no reader accepts it. The caller then flushes to disk and renames atomically.</para>
/// </remarks>
public sealed partial class SnapshotWriter : IDisposable
{
    private readonly Stream _output;
    private readonly SnapshotWriterOptions _options;
    private readonly StreamSettings _defaults;
    private readonly List<StreamState> _streams = [];
    private readonly DedupTable _dedup = new();
    private readonly ParentList _parents = new();
    private readonly WriterKeys? _keys;
    private readonly DateTimeOffset _createdAt;
    private JobContext _context;
    private long _position;
    private bool _closed;
    private bool _failed;

    private SnapshotWriter(Stream output, SnapshotWriterOptions options, WriterKeys? keys)
    {
        _output = output;
        _options = options;
        _keys = keys;
        _defaults = new StreamSettings(options.Codec, options.Level, options.Chunking);
        _createdAt = options.CreatedAt ?? DateTimeOffset.UtcNow;
        _window = 2 * options.Parallelism;
        var transform = new BlockTransform(keys?.Cipher, null, keys?.Hasher ?? Crypto.BlockHasher.Plain);
        _context = new JobContext(transform, options.BlockLookup, _dedup);
        _holding = options.TrainDictionary;
    }

    /// <summary>Starts a snapshot in <paramref name="output"/> and reserves its header.</summary>
    /// <param name="output">Empty, writable and seekable; the writer does not dispose it.</param>
    /// <param name="options">Codec, level, chunking, per-stream options, dedup lookup, encryption, dictionary,
    /// parallelism; defaults when null.</param>
    /// <exception cref="ArgumentException">The output is not empty, writable and seekable, or an option is out of
    /// range, or the lookup is a <see cref="SnapshotBlockIndex"/> whose hashes are not comparable with this
    /// writer's (another key, or encrypted versus plain).</exception>
    /// <exception cref="IOException">Writing the reserved header failed.</exception>
    public static SnapshotWriter Create(Stream output, SnapshotWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= new SnapshotWriterOptions();
        if (!output.CanWrite || !output.CanSeek || output.Length != 0)
        {
            throw new ArgumentException("The snapshot output must be an empty, writable, seekable stream.", nameof(output));
        }
        ValidateOptions(options);
        var keys = options.Encryption is { } encryption ? WriterKeys.Create(encryption) : null;
        var domain = keys?.Hasher.Domain ?? default;
        if (options.BlockLookup is SnapshotBlockIndex { HashDomain: { } indexed } && indexed != domain)
        {
            keys?.Dispose();
            throw new ArgumentException(
                "The block index holds hashes of snapshots with another key (or none) than this writer's, so it cannot dedup against them; use the same SnapshotEncryption key for the whole repository.", nameof(options));
        }
        var writer = new SnapshotWriter(output, options, keys);
        writer.WriteOutput(new byte[SnapshotLayout.HeaderSize]);
        return writer;
    }

    /// <summary>
    /// Appends <paramref name="data"/> to <paramref name="stream"/>, creating the stream on first use (at most 8).
    /// The result does not depend on how the bytes are split across calls. The data is copied; the caller keeps it.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not 1-16 characters of [a-z0-9-], or a 9th stream is named.</exception>
    /// <exception cref="ObjectDisposedException">The writer was finished or disposed.</exception>
    /// <exception cref="InvalidOperationException">An earlier call failed (the writer is then unusable).</exception>
    /// <exception cref="IOException">Writing to the output failed.</exception>
    public void Append(string stream, ReadOnlySpan<byte> data) => AppendTo(GetOrAddStream(stream), data);

    /// <summary>
    /// Ends the block being filled in <paramref name="stream"/> here, so the next byte starts a new block (used at
    /// file boundaries, so identical files dedup). Does nothing when no bytes are pending or the stream is unknown.
    /// </summary>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    /// <exception cref="ObjectDisposedException">The writer was finished or disposed.</exception>
    public void EndBlock(string stream)
    {
        StreamNames.Validate(stream, nameof(stream));
        ThrowIfUnusable();
        var state = _streams.Find(s => s.Name == stream);
        if (state is not null)
        {
            CutPending(state);
        }
    }

    /// <summary>Logical bytes appended to <paramref name="stream"/> so far; 0 for a stream never appended to.</summary>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public long GetLength(string stream)
    {
        StreamNames.Validate(stream, nameof(stream));
        return _streams.Find(s => s.Name == stream)?.AppendedLength ?? 0;
    }

    /// <summary>
    /// Cuts every stream's last block, waits for all blocks, writes the remaining index pages, the master indexes,
    /// the descriptor (when a 1.1 feature needs one) and finally the header at offset 0, and flushes the output.
    /// The writer is then closed.
    /// </summary>
    /// <returns>Counts, parents and the integrity root.</returns>
    /// <exception cref="ObjectDisposedException">The writer was already finished or disposed.</exception>
    /// <exception cref="IOException">Writing failed; the file has no valid header.</exception>
    public SnapshotWriteResult Finish()
    {
        ThrowIfUnusable();
        foreach (var state in _streams)
        {
            CutPending(state);
        }
        ReleaseHeld();
        DrainTo(0);
        var result = WriteIndexAndHeader();
        _closed = true;
        return result;
    }

    /// <summary>
    /// Abandons an unfinished snapshot (its header stays zero) and returns pooled buffers. Does not dispose the
    /// output. Safe to call more than once and after <see cref="Finish"/>.
    /// </summary>
    public void Dispose()
    {
        _closed = true;
        AbandonInFlight();
        foreach (var state in _streams)
        {
            if (state.Chunk is not null)
            {
                ArrayPool<byte>.Shared.Return(state.Chunk);
                state.Chunk = null;
            }
        }
        _dictionary?.Dispose();
        _keys?.Dispose();
    }

    private void AppendTo(StreamState state, ReadOnlySpan<byte> data)
    {
        int chunkCapacity = state.Settings.Chunking.LargestBlock;
        state.AppendedLength += data.Length;
        while (!data.IsEmpty)
        {
            state.Chunk ??= ArrayPool<byte>.Shared.Rent(chunkCapacity);
            int start = state.Chunker.PendingLength;
            int n = state.Chunker.Scan(data, out bool cut);
            data[..n].CopyTo(state.Chunk.AsSpan(start));
            data = data[n..];
            if (cut)
            {
                SubmitChunk(state, start + n);
            }
        }
    }

    private StreamState GetOrAddStream(string stream)
    {
        StreamNames.Validate(stream, nameof(stream));
        ThrowIfUnusable();
        var state = _streams.Find(s => s.Name == stream);
        if (state is null)
        {
            if (_streams.Count == SnapshotLayout.MaxStreams)
            {
                throw new ArgumentException(
                    $"A snapshot holds at most {SnapshotLayout.MaxStreams} streams; '{stream}' would be the {SnapshotLayout.MaxStreams + 1}th.",
                    nameof(stream));
            }
            var settings = _defaults;
            if (_options.StreamOptions.TryGetValue(stream, out var overrides))
            {
                settings = new StreamSettings(overrides.Codec ?? _defaults.Codec, overrides.Level ?? _defaults.Level, overrides.Chunking ?? _defaults.Chunking);
            }
            state = new StreamState(stream, _streams.Count, settings);
            _streams.Add(state);
        }
        return state;
    }

    private void CutPending(StreamState state)
    {
        int pending = state.Chunker.PendingLength;
        if (pending > 0)
        {
            state.Chunker.Reset();
            SubmitChunk(state, pending);
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_failed)
        {
            throw new InvalidOperationException("An earlier write to this snapshot failed; dispose the writer and start again.");
        }
    }

    private void WriteOutput(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }
}
