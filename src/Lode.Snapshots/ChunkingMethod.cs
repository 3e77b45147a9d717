namespace Lode.Snapshots;

/// <summary>How a stream is cut into blocks. The numeric values are written to disk and never change.</summary>
public enum ChunkingMethod : byte
{
    /// <summary>
    /// Content-defined chunking: FastCDC (Xia et al., "FastCDC: a Fast and Efficient Content-Defined Chunking
    /// Approach for Data Deduplication", USENIX ATC 2016), so an insertion moves only nearby cut points.
    /// </summary>
    FastCdc = 1,

    /// <summary>Fixed-size blocks of <see cref="ChunkingOptions.AverageSize"/> bytes.</summary>
    Fixed = 2,
}
