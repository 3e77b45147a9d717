using System.Numerics;

namespace Lode.SuffixArrays;

/// <summary>
/// An append-only sequence of fixed-size records (<see cref="Format"/>) kept in insertion order, with the
/// boundaries of the runs appended to it: in external-memory CaPS-SA, one bucket per partition, one run per
/// subarray that contributed a non-empty sorted piece.
/// </summary>
/// <remarks>
/// Implementations (<see cref="MemoryBucketStore"/>, <see cref="SpillingBucketStore"/>) buffer records in memory
/// and differ in where full buffers go. <see cref="AppendRun"/> is thread-safe; <see cref="LoadAll"/> reads a
/// consistent snapshot. The caller owns every span passed in.
/// </remarks>
internal interface IBucket : IDisposable
{
    /// <summary>The record format.</summary>
    RecordFormat Format { get; }

    /// <summary>The number of records appended so far.</summary>
    long Count { get; }

    /// <summary>The number of runs (non-empty appends) so far.</summary>
    int RunCount { get; }

    /// <summary>
    /// Appends one run: <c>positions.Length</c> records (any number, also more than the buffer holds). An empty
    /// run adds nothing and no boundary.
    /// </summary>
    /// <param name="positions">The positions.</param>
    /// <param name="lcps">Their LCPs for pair formats (same length); empty for <see cref="RecordFormat.Position64"/>.</param>
    /// <exception cref="IOException">A spill to disk failed.</exception>
    void AppendRun<T>(ReadOnlySpan<T> positions, ReadOnlySpan<T> lcps)
        where T : unmanaged, IBinaryInteger<T>;

    /// <summary>
    /// Reads every record in insertion order into <paramref name="positions"/> (and <paramref name="lcps"/>), each at
    /// least <see cref="Count"/> long, and the start index of every run into <paramref name="runStarts"/> (at least
    /// <see cref="RunCount"/> long).
    /// </summary>
    /// <exception cref="IOException">Reading spilled records failed.</exception>
    void LoadAll<T>(Span<T> positions, Span<T> lcps, Span<int> runStarts)
        where T : unmanaged, IBinaryInteger<T>;
}

/// <summary>Creates the buckets of one construction; disposing the store releases them all.</summary>
internal interface IBucketStore : IDisposable
{
    /// <summary>A new empty bucket of records in <paramref name="format"/>, with a buffer of <paramref name="bufferRecords"/> records.</summary>
    IBucket CreateBucket(RecordFormat format, int bufferRecords = 2048);
}
