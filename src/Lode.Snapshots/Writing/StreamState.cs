using Lode.Snapshots.Chunking;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>A stream being written: its settings, chunker, the chunk being filled, and its open index page.</summary>
internal sealed class StreamState(string name, int position, StreamSettings settings)
{
    /// <summary>The stream's name.</summary>
    public string Name { get; } = name;

    /// <summary>The stream's position in the stream table.</summary>
    public int Position { get; } = position;

    /// <summary>The stream's codec, level and chunking.</summary>
    public StreamSettings Settings { get; } = settings;

    /// <summary>Finds this stream's cut points.</summary>
    public Chunker Chunker { get; } = new(settings.Chunking);

    /// <summary>The pooled buffer of the chunk being filled (null between chunks); owned by this state.</summary>
    public byte[]? Chunk { get; set; }

    /// <summary>Bytes appended so far, including those not yet cut into a block.</summary>
    public long AppendedLength { get; set; }

    /// <summary>Blocks committed to the file so far.</summary>
    public long BlockCount { get; set; }

    /// <summary>Logical bytes committed to the file so far.</summary>
    public long CommittedLength { get; set; }

    /// <summary>The encoded index page being filled: block infos from byte 8 on.</summary>
    public byte[] Page { get; } = new byte[SnapshotLayout.PageLength(SnapshotLayout.MaxBlocksPerPage)];

    /// <summary>Block infos in <see cref="Page"/>.</summary>
    public int PageBlockCount { get; set; }

    /// <summary>The logical offset of the first block in <see cref="Page"/>.</summary>
    public long PageFirstLogical { get; set; }

    /// <summary>The pages written so far, in order.</summary>
    public List<PageEntry> Pages { get; } = [];

    /// <summary>Where the master index went (set by <see cref="SnapshotWriter.Finish"/>).</summary>
    public long MasterOffset { get; set; }

    /// <summary>The master index's SHA-256 (set by <see cref="SnapshotWriter.Finish"/>).</summary>
    public Sha256Digest MasterSha256 { get; set; }
}
