using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Lode.IO;
using Lode.SuffixArrays;

namespace Lode.Benchmarks;

/// <summary>
/// <c>fm-index DIR [--pieces 8,64] [--sample 64]</c>: concatenates the unique text files under DIR (no NUL byte,
/// deduplicated by SHA-256, each followed by a newline), then for the first N MiB of it builds the suffix array
/// (SA-IS, one thread) and the FM-index, and prints bits per text byte by part, FM build speed, count latency
/// by pattern length and for absent patterns, and locate cost per occurrence.
/// </summary>
internal static class FmIndexBenchmark
{
    private const int HeaderFixed = 1064;

    public static int Run(string[] args)
    {
        var options = args.Length >= 1 ? CommandOptions.Parse(args[1..], "--pieces", "--sample") : null;
        if (options is null || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: fm-index DIR [--pieces 8,64] [--sample 64]");
            return 2;
        }
        var text = UniqueText(args[0]);
        Console.WriteLine($"{args[0]}: {text.Length:N0} bytes of unique text");
        int sample = options.Int("--sample", 64);
        foreach (int mib in options.List("--pieces", "8,64", s => int.Parse(s, CultureInfo.InvariantCulture)))
        {
            Measure(text.AsSpan(0, (int)Math.Min(text.Length, (long)mib << 20)).ToArray(), sample);
        }
        return 0;
    }

    private static byte[] UniqueText(string directory)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var output = new MemoryStream();
        foreach (var path in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Contains((byte)0) || !seen.Add(Convert.ToHexString(SHA256.HashData(bytes))))
            {
                continue;
            }
            output.Write(bytes);
            output.WriteByte((byte)'\n');
        }
        return output.ToArray();
    }

    private static void Measure(byte[] text, int sample)
    {
        var sa = SuffixArray.Build(text, new SuffixArrayOptions { Threads = 1, Algorithm = SuffixArrayAlgorithm.Sais });
        var clock = Stopwatch.StartNew();
        var bytes = FmIndex.Build(text, sa, new FmIndexOptions { SampleRate = sample });
        double buildSeconds = clock.Elapsed.TotalSeconds;
        var index = FmIndex.Open(new MemoryByteSource(bytes));
        index.Verify();
        PrintSizes(text.Length, bytes, sample, buildSeconds);
        var random = new Random(42);
        foreach (int length in new[] { 8, 16, 32 })
        {
            var patterns = Substrings(random, text, length, 1000);
            Console.WriteLine($"  count m={length}: {CountMicros(index, patterns):F2} µs/pattern (avg occurrences {patterns.Average(p => index.Count(p).Count):F0})");
        }
        var absent = Substrings(random, text, 16, 4000).Select(p => { p[8] ^= 0x55; return p; }).Where(p => index.Count(p).Count == 0).Take(1000).ToList();
        Console.WriteLine($"  count absent m=16: {CountMicros(index, absent):F2} µs/pattern ({absent.Count} patterns)");
        var located = Substrings(random, text, 12, 3000).Where(p => index.Count(p).Count <= 2000).ToList();
        long occurrences = 0;
        clock.Restart();
        foreach (var pattern in located)
        {
            var range = index.Count(pattern);
            index.Locate(range, new int[range.Count]);
            occurrences += range.Count;
        }
        Console.WriteLine($"  locate m=12: {clock.Elapsed.TotalMicroseconds / occurrences:F2} µs/occurrence ({located.Count} patterns, {occurrences:N0} occurrences)");
        MeasureFirstTouch(bytes, text.Length, random);
    }

    /// <summary>What loading costs: locating rows spread over the whole index on a freshly opened index (every section
    /// loaded on first use, lent in place) against the same rows once loaded; the difference per section and per byte.</summary>
    private static void MeasureFirstTouch(byte[] bytes, int n, Random random)
    {
        int superblocks = (n + 65535) >> 16;
        var rows = Enumerable.Range(0, Math.Max(2000, 8 * superblocks)).Select(_ => random.Next(n)).ToArray();
        var fresh = FmIndex.Open(new MemoryByteSource(bytes));
        var clock = Stopwatch.StartNew();
        foreach (int row in rows)
        {
            fresh.Locate(new SuffixRange(row, row + 1), new int[1]);
        }
        double cold = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        foreach (int row in rows)
        {
            fresh.Locate(new SuffixRange(row, row + 1), new int[1]);
        }
        double warm = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"  first touch: {rows.Length:N0} rows located in {cold:F1} ms fresh, {warm:F1} ms loaded: loading ≈ {(cold - warm) * 1000 / (2 * superblocks):F1} µs per section, {(cold - warm) * 1e6 / bytes.Length:F2} ns per index byte (all {2 * superblocks} sections, allocated {GC.GetAllocatedBytesForCurrentThread() / 1e6:F0} MB so far)");
    }

    private static void PrintSizes(int n, byte[] bytes, int sample, double buildSeconds)
    {
        int superblocks = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(32));
        int sigma = Enumerable.Range(0, 256).Count(c => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40 + 4 * c)) > 0);
        long header = HeaderFixed + 32L * superblocks + 4;
        long bwt = 0;
        long samples = 0;
        for (int k = 0; k < 2 * superblocks; k++)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(HeaderFixed + 16 * k + 8));
            (k < superblocks ? ref bwt : ref samples) += length;
        }
        long counts = 4L * sigma * superblocks;
        double Bits(long part) => part * 8.0 / n;
        Console.WriteLine($"{n / 1048576.0:F1} MiB, sample rate {sample}, σ = {sigma}: {bytes.Length:N0} bytes = {Bits(bytes.Length):F3} bits/char");
        Console.WriteLine($"  BWT+rank {Bits(bwt):F3} (of which superblock symbol counts {Bits(counts):F3}), samples {Bits(samples):F3}, header+directory {Bits(header):F4}");
        Console.WriteLine($"  FM build (after the SA): {buildSeconds:F2} s = {n / 1e6 / buildSeconds:F1} MB/s (superblocks in parallel on {Environment.ProcessorCount} cores)");
    }

    private static List<byte[]> Substrings(Random random, byte[] text, int length, int count)
    {
        var patterns = new List<byte[]>(count);
        while (patterns.Count < count)
        {
            var candidate = text.AsSpan(random.Next(text.Length - length), length);
            if (!candidate.Contains((byte)'\n'))
            {
                patterns.Add(candidate.ToArray());
            }
        }
        return patterns;
    }

    private static double CountMicros(FmIndex index, List<byte[]> patterns)
    {
        double best = double.MaxValue;
        for (int repetition = 0; repetition < 3; repetition++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var pattern in patterns)
            {
                index.Count(pattern);
            }
            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / patterns.Count);
        }
        return best;
    }
}
