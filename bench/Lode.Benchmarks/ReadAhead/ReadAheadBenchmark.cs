using System.Diagnostics;
using Lode.IO;

namespace Lode.Benchmarks.ReadAhead;

/// <summary>
/// The three read-ahead measurements of specs/read-ahead.md, one run each:
/// 1. a throttled source with a CPU-bound consumer of equal speed (plain vs read-ahead, as a ratio);
/// 2. a page-cached file (FileStream with a 4 MiB buffer vs PrefetchStream vs the file reader);
/// 3. a cold file, evicted with POSIX_FADV_DONTNEED before each run (FileStream, PrefetchStream, 1/2/4 streams).
/// Usage: readahead [--dir DIR] [--size-mib N] [--rate-mbps N] [--chunk-kib N] [--depth N]
/// </summary>
internal static class ReadAheadBenchmark
{
    private const int ConsumerBuffer = 4 << 20;

    public static int Run(string[] args)
    {
        string dir = Option(args, "--dir") ?? Path.GetTempPath();
        long size = long.Parse(Option(args, "--size-mib") ?? "1024") << 20;
        double rate = double.Parse(Option(args, "--rate-mbps") ?? "200") * 1e6;
        int chunk = int.Parse(Option(args, "--chunk-kib") ?? "4096") << 10;
        int depth = int.Parse(Option(args, "--depth") ?? "4");
        Console.WriteLine($"read-ahead benchmark: chunk {chunk >> 10} KiB, depth {depth}, file {size >> 20} MiB in {dir}");

        Throttled(Math.Min(size, 400L << 20), rate, chunk, depth);
        string path = Path.Combine(dir, "lode-readahead-bench.bin");
        try
        {
            CreateFile(path, size);
            Cached(path, chunk, depth);
            Cold(path, chunk, depth);
        }
        finally
        {
            File.Delete(path);
        }
        return 0;
    }

    private static void Throttled(long length, double rate, int chunk, int depth)
    {
        Console.WriteLine($"\n1. throttled source {rate / 1e6:F0} MB/s, consumer {rate / 1e6:F0} MB/s (busy), {length >> 20} MiB");
        var plain = Measure("plain stream", () => new ThrottledStream(length, rate, chunk), s => BusyConsume(s, rate));
        var ahead = Measure("PrefetchStream", () => new PrefetchStream(new ThrottledStream(length, rate, chunk), chunk, depth), s => BusyConsume(s, rate));
        Console.WriteLine($"   speed-up: {plain.Seconds / ahead.Seconds:F2}x (goal >= 1.7x)");
    }

    private static void Cached(string path, int chunk, int depth)
    {
        Console.WriteLine("\n2. page-cached file (consumer: CRC32C)");
        Checksum(File.OpenRead(path));
        var plain = Measure("FileStream 4 MiB buffer", () => OpenFileStream(path), Checksum);
        var ahead = Measure("PrefetchStream(FileStream)", () => new PrefetchStream(OpenFileStream(path), chunk, depth), Checksum);
        var file = Measure("PrefetchStream.OpenFile", () => PrefetchStream.OpenFile(path, Options(chunk, depth, 1)), Checksum);
        var zeroCopy = Measure("OpenFile + ReadChunk", () => PrefetchStream.OpenFile(path, Options(chunk, depth, 1)), ChecksumChunks);
        Console.WriteLine($"   overhead: wrapped {Overhead(plain, ahead)}, file reader {Overhead(plain, file)}, file reader zero-copy {Overhead(plain, zeroCopy)} (goal <= 10 %)");
    }

    private static void Cold(string path, int chunk, int depth)
    {
        Console.WriteLine("\n3. cold file (evicted before each run; consumer: CRC32C)");
        Measure("FileStream 4 MiB buffer", () => Evicted(path, () => OpenFileStream(path)), Checksum);
        Measure("PrefetchStream(FileStream)", () => Evicted(path, () => new PrefetchStream(OpenFileStream(path), chunk, depth)), Checksum);
        foreach (int streams in new[] { 1, 2, 4 })
        {
            Measure($"OpenFile, {streams} stream(s)", () => Evicted(path, () => PrefetchStream.OpenFile(path, Options(chunk, Math.Max(depth, streams), streams))), ChecksumChunks);
        }
    }

    private static Result Measure(string name, Func<Stream> open, Func<Stream, long> consume)
    {
        var stream = open();
        long start = Stopwatch.GetTimestamp();
        long bytes = consume(stream);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        string extra = "";
        if (stream is PrefetchStream prefetch)
        {
            extra = $", stalls {prefetch.ConsumerStalls} ({prefetch.StallTime.TotalMilliseconds:F0} ms), producer waits {prefetch.ProducerWaits}";
        }
        stream.Dispose();
        Console.WriteLine($"   {name,-28} {bytes / seconds / 1e6,8:F0} MB/s  {seconds,6:F2} s{extra}; peak RSS {Environment.WorkingSet >> 20} MiB / process peak {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB");
        return new Result(seconds);
    }

    private static long BusyConsume(Stream stream, double rate)
    {
        var buffer = new byte[ConsumerBuffer];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            long until = Stopwatch.GetTimestamp() + (long)(n / rate * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
            }
            total += n;
        }
        return total;
    }

    private static long Checksum(Stream stream)
    {
        var buffer = new byte[ConsumerBuffer];
        long total = 0;
        uint crc = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            crc = Crc32C.Append(crc, buffer.AsSpan(0, n));
            total += n;
        }
        GC.KeepAlive(crc);
        return total;
    }

    private static long ChecksumChunks(Stream stream)
    {
        var prefetch = (PrefetchStream)stream;
        long total = 0;
        uint crc = 0;
        ReadOnlySpan<byte> chunk;
        while (!(chunk = prefetch.ReadChunk()).IsEmpty)
        {
            crc = Crc32C.Append(crc, chunk);
            total += chunk.Length;
        }
        GC.KeepAlive(crc);
        return total;
    }

    private static Stream Evicted(string path, Func<Stream> open)
    {
        PageCache.Evict(path);
        return open();
    }

    private static FileStream OpenFileStream(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4 << 20, FileOptions.SequentialScan);

    private static PrefetchFileOptions Options(int chunk, int depth, int streams) =>
        new() { ChunkSize = chunk, Depth = depth, Streams = streams };

    private static string Overhead(Result plain, Result other) => $"{(other.Seconds / plain.Seconds - 1) * 100:+0.0;-0.0} %";

    private static void CreateFile(string path, long size)
    {
        var block = new byte[4 << 20];
        new Random(1).NextBytes(block);
        using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            for (long done = 0; done < size; done += block.Length)
            {
                output.Write(block, 0, (int)Math.Min(block.Length, size - done));
            }
            output.Flush(flushToDisk: true);
        }
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private readonly record struct Result(double Seconds);
}
