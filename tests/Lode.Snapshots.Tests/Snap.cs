using Lode.IO;

namespace Lode.Snapshots.Tests;

/// <summary>Helpers to write a snapshot file and read streams back.</summary>
internal static class Snap
{
    /// <summary>FastCDC with small chunks (1/4/16 KiB), so small inputs have many blocks.</summary>
    public static SnapshotWriterOptions Small { get; } = new()
    {
        Chunking = new ChunkingOptions(ChunkingMethod.FastCdc, 1024, 4096, 16384),
    };

    public static SnapshotWriteResult Write(string path, SnapshotWriterOptions? options, Action<SnapshotWriter> body)
    {
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
        using var writer = SnapshotWriter.Create(output, options);
        body(writer);
        return writer.Finish();
    }

    public static byte[] WriteBytes(SnapshotWriterOptions? options, Action<SnapshotWriter> body)
    {
        using var output = new MemoryStream();
        using (var writer = SnapshotWriter.Create(output, options))
        {
            body(writer);
            writer.Finish();
        }
        return output.ToArray();
    }

    public static byte[] ReadAll(SnapshotReader reader, string stream, int pieceSeed = 1)
    {
        long length = reader.GetLength(stream);
        var result = new byte[length];
        var random = new Random(pieceSeed);
        long offset = 0;
        while (offset < length)
        {
            int want = (int)Math.Min(length - offset, random.Next(1, 1 << 20));
            int n = reader.ReadAt(stream, offset, result.AsSpan((int)offset, want));
            Assert.Equal(want, n);
            offset += n;
        }
        Assert.Equal(0, reader.ReadAt(stream, length, new byte[1]));
        return result;
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Text-like, compressible bytes: words from a small vocabulary.</summary>
    public static byte[] Text(int length, int seed)
    {
        string[] words = ["lode", "snapshot", "block", "chunk", "index", "page", "master", "stream", "zero", "the", "of", "and", "\n", "{", "}", ";"];
        var random = new Random(seed);
        var bytes = new byte[length];
        int i = 0;
        while (i < length)
        {
            var word = System.Text.Encoding.ASCII.GetBytes(words[random.Next(words.Length)] + " ");
            int n = Math.Min(word.Length, length - i);
            word.AsSpan(0, n).CopyTo(bytes.AsSpan(i));
            i += n;
        }
        return bytes;
    }

    public static SnapshotReader Open(byte[] file) => SnapshotReader.Open(new MemoryByteSource(file));

    /// <summary>A copy of <paramref name="options"/> that looks blocks up in <paramref name="lookup"/>.</summary>
    public static SnapshotWriterOptions WithLookup(this SnapshotWriterOptions options, ISnapshotBlockLookup? lookup) =>
        options.With(lookup, options.Encryption);

    /// <summary>A copy of <paramref name="options"/> with another lookup and encryption.</summary>
    public static SnapshotWriterOptions With(this SnapshotWriterOptions options, ISnapshotBlockLookup? lookup, SnapshotEncryption? encryption) => new()
    {
        Codec = options.Codec,
        Level = options.Level,
        Chunking = options.Chunking,
        StreamOptions = options.StreamOptions,
        Parallelism = options.Parallelism,
        Encryption = encryption,
        TrainDictionary = options.TrainDictionary,
        DictionarySampleBytes = options.DictionarySampleBytes,
        BlockLookup = lookup,
    };
}
