using Microsoft.Win32.SafeHandles;

namespace Lode;

/// <summary>
/// Builds a snapshot's search index (format 3, docs/format.md "Search index") while the snapshot is taken, carrying
/// over the previous snapshot's shards that are still mostly live. Each file's bytes arrive once, in order; a text
/// file (no NUL byte, at most <see cref="MaxIndexedFileSize"/> bytes) whose contents are not indexed yet — neither
/// earlier in this snapshot nor in a carried shard — is copied into the current shard; a full shard is sealed and its
/// suffix array and FM-index built on a background task (at most <see cref="SearchIndexWriterOptions.ParallelBuilds"/>
/// at once) into a scratch file; the text itself is not kept. <see cref="Finish"/> decides which previous shards to
/// carry and re-indexes the live text of the others (read from the previous snapshot's stored files);
/// <see cref="WriteTo"/> then streams the index into a container stream, carried shards by reference.
/// Memory stays near (parallel builds + 1) × (shard text + about 9 bytes per text byte of construction space).
/// Not thread-safe: one producer calls it.
/// </summary>
internal sealed partial class SearchIndexWriter : IDisposable
{
    /// <summary>Files larger than this are not indexed.</summary>
    public const long MaxIndexedFileSize = 512L << 20;

    /// <summary>Parked shard texts and built FM-indexes (which hold the text too), encrypted under a key of this
    /// process only.</summary>
    private readonly ScratchFile _scratch;
    private readonly SearchIndexWriterOptions _options;
    private readonly SearchIndex? _previous;
    private readonly SnapshotView? _previousView;
    private readonly Dictionary<UInt128, int> _previousBlobs = [];
    private readonly HashSet<int> _livePrevious = [];
    private readonly Dictionary<UInt128, int> _newBlobs = [];
    private readonly List<IndexFormat.BlobRecord> _blobs = [];
    private readonly List<Task<BuiltShard>> _builds = [];

    /// <summary>Free build slots: <see cref="ParallelBuilds"/> less <see cref="SearchIndexWriterOptions.SlotsReservedWhileFeeding"/>
    /// until <see cref="Finish"/> releases the reserved ones.</summary>
    private readonly SemaphoreSlim _buildSlots;

    /// <summary>Cancelled when the writer is disposed: parked shards not yet building are then dropped.</summary>
    private readonly CancellationTokenSource _abandon = new();
    private long _scratchCursor;
    private byte[] _text = [];
    private int _textLength;
    private int _shardFirstBlob;
    private int _fileStart;
    private bool _fileIsText;

    /// <summary>Creates a writer whose scratch file is <paramref name="scratchPath"/> (created, encrypted under a key of
    /// this process only, and deleted when the writer is disposed).</summary>
    /// <param name="scratchPath">A new file for the sections of the shards built here.</param>
    /// <param name="options">Shard size, parallelism and memory budget.</param>
    /// <param name="previous">The previous snapshot, whose index's shards (format 3) may be carried over and whose
    /// stored files give the text of the ones re-indexed; null, or a snapshot without an index, to index everything.</param>
    public SearchIndexWriter(string scratchPath, SearchIndexWriterOptions options, SnapshotView? previous)
    {
        _options = options;
        _previous = previous?.QueryIndex;
        _previousView = _previous is null ? null : previous;
        if (_previous is not null)
        {
            var blobs = _previous.Blobs;
            for (int i = 0; i < blobs.Length; i++)
            {
                _previousBlobs.TryAdd(blobs[i].Hash, i);
            }
        }
        _buildSlots = new SemaphoreSlim(Math.Max(1, ParallelBuilds - options.SlotsReservedWhileFeeding), ParallelBuilds);
        _scratch = new ScratchFile(scratchPath);
    }

    /// <summary>Text bytes whose suffix arrays this writer built (new text and text re-indexed from dropped shards).</summary>
    public long TextBytes { get; private set; }

    /// <summary>Shards carried over from the previous index (known after <see cref="Finish"/>).</summary>
    public int CarriedShards { get; private set; }

    /// <summary>Starts a file of about <paramref name="expectedSize"/> bytes.</summary>
    public void BeginFile(long expectedSize)
    {
        _fileIsText = expectedSize <= MaxIndexedFileSize;
        if (_fileIsText && _textLength > 0 && _textLength + expectedSize > _options.ShardSize)
        {
            SealShard();
        }
        _fileStart = _textLength;
    }

    /// <summary>Feeds the file's next bytes. A NUL byte makes the file binary: it is dropped from the shard.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (!_fileIsText)
        {
            return;
        }
        if (data.Contains((byte)0) || (long)_textLength - _fileStart + data.Length > MaxIndexedFileSize)
        {
            AbortFile();
            return;
        }
        if (_text.Length - _textLength < data.Length)
        {
            long needed = Math.Max((long)_textLength + data.Length, Math.Max(_options.ShardSize, _text.Length * 2L));
            var grown = GC.AllocateUninitializedArray<byte>((int)Math.Min(needed, Array.MaxLength));
            _text.AsSpan(0, _textLength).CopyTo(grown);
            _text = grown;
        }
        data.CopyTo(_text.AsSpan(_textLength));
        _textLength += data.Length;
    }

    /// <summary>Drops the current file from the index (it was binary or could not be read).</summary>
    public void AbortFile()
    {
        _fileIsText = false;
        _textLength = _fileStart;
    }

    /// <summary>Ends the current file: indexed when it is text (no NUL byte), once per contents.</summary>
    /// <param name="sha256">The file's SHA-256: identical contents are indexed once.</param>
    public void EndFile(ReadOnlySpan<byte> sha256)
    {
        if (!_fileIsText)
        {
            return;
        }
        var key = IndexFormat.HashKey(sha256);
        if (_newBlobs.ContainsKey(key) || TryReuse(sha256))
        {
            _textLength = _fileStart;
            return;
        }
        AddBlob(key);
    }

    /// <summary>Feeds a whole file stored in a snapshot, read from its blocks (never from disk).</summary>
    /// <param name="view">The snapshot holding the file.</param>
    /// <param name="file">A regular file of <paramref name="view"/>.</param>
    /// <param name="buffer">Scratch space for the reads; any length above 0.</param>
    /// <exception cref="CorruptDataException">The file's stored bytes are damaged.</exception>
    public void AddStoredFile(SnapshotView view, FileEntry file, byte[] buffer)
    {
        FeedStored(view, file, buffer);
        EndFile(file.Sha256.Span);
    }

    /// <summary>Begins a file and feeds it whole from a snapshot's stored blocks.</summary>
    private void FeedStored(SnapshotView view, FileEntry file, byte[] buffer)
    {
        BeginFile(file.Size);
        for (long position = 0; position < file.Size && _fileIsText;)
        {
            int n = view.ReadFile(file, position, buffer);
            Append(buffer.AsSpan(0, n));
            position += n;
        }
    }

    /// <summary>
    /// Marks contents with this SHA-256 as live when the previous index holds them, so an unchanged file need not be
    /// read; returns false when it does not (feed the file's text instead).
    /// </summary>
    public bool TryReuse(ReadOnlySpan<byte> sha256)
    {
        if (!_previousBlobs.TryGetValue(IndexFormat.HashKey(sha256), out int blob))
        {
            return false;
        }
        _livePrevious.Add(blob);
        return true;
    }

    public void Dispose()
    {
        // A failed snapshot may leave builds running: parked ones are dropped, running ones finish before their file
        // handle goes away.
        _abandon.Cancel();
        try
        {
            Task.WaitAll([.. _builds]);
        }
        catch (AggregateException)
        {
            // The failure that matters has already been thrown to the caller (or the build was dropped).
        }
        _scratch.Dispose();
        _buildSlots.Dispose();
        _abandon.Dispose();
    }

    private void AddBlob(UInt128 key)
    {
        var text = _text.AsSpan(_fileStart, _textLength - _fileStart);
        // Shard is the build's number until Finish places the shard.
        _blobs.Add(new IndexFormat.BlobRecord(_builds.Count, _fileStart, text.Length, key));
        _newBlobs.Add(key, _blobs.Count - 1);
        TextBytes += text.Length;
    }
}
