namespace Lode.IO;

public sealed partial class PrefetchStream
{
    /// <summary>Opens <paramref name="path"/> for sequential reading with read-ahead: <c>FileOptions.SequentialScan</c>,
    /// <c>POSIX_FADV_WILLNEED</c> hints as the read position advances, and <see cref="PrefetchFileOptions.Streams"/>
    /// concurrent positional readers that fetch consecutive chunks while the consumer sees one ordered stream.</summary>
    /// <remarks>The stream ends at the first chunk that comes back short, so a file that grows while it is read is read
    /// up to about where it ended when that chunk was read, without gaps.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A chunk size or depth below 1, or a stream count outside
    /// 1..<see cref="PrefetchFileOptions.Depth"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static PrefetchStream OpenFile(string path, PrefetchFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new PrefetchFileOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Depth, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Streams, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Streams, options.Depth, nameof(options));
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);
        try
        {
            var window = new ChunkWindow(options.Depth);
            var pool = new ChunkBufferPool(options.ChunkSize);
            return new PrefetchStream(window, pool, new FileReadAheadProducer(handle, options, window, pool));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
