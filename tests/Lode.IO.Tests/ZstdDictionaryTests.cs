using System.Text;

namespace Lode.IO.Tests;

public class ZstdDictionaryTests
{
    /// <summary>Small records that share most of their structure: what a dictionary is for.</summary>
    private static byte[] Record(Random random) => Encoding.ASCII.GetBytes(
        $"{{\"id\":{random.Next()},\"kind\":\"snapshot-block\",\"stream\":\"data\",\"codec\":\"zstd\",\"level\":{random.Next(1, 20)},\"path\":\"/usr/include/linux/{random.Next(1000)}.h\",\"owner\":\"root\",\"mode\":\"0644\"}}\n");

    private static (byte[] Samples, int[] Lengths) Samples(int count, int seed)
    {
        var random = new Random(seed);
        var samples = new MemoryStream();
        var lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            var sample = new MemoryStream();
            for (int r = 0; r < 8; r++)
            {
                sample.Write(Record(random));
            }
            lengths[i] = (int)sample.Length;
            samples.Write(sample.ToArray());
        }
        return (samples.ToArray(), lengths);
    }

    private static ZstdDictionary Trained()
    {
        var (samples, lengths) = Samples(400, 1);
        return new ZstdDictionary(ZstdDictionary.Train(samples, lengths, 16 << 10));
    }

    [Fact]
    public void A_trained_dictionary_round_trips_and_beats_plain_zstd_on_small_blocks()
    {
        using var dictionary = Trained();
        Assert.InRange(dictionary.Bytes.Length, 1, 16 << 10);
        var random = new Random(2);
        long plain = 0;
        long withDictionary = 0;
        for (int i = 0; i < 50; i++)
        {
            var block = Record(random);
            var compressed = new byte[Zstd.CompressBound(block.Length)];
            int n = dictionary.Compress(block, compressed, 3);
            var restored = new byte[block.Length];
            Assert.Equal(block.Length, dictionary.Decompress(compressed.AsSpan(0, n), restored));
            Assert.Equal(block, restored);
            withDictionary += n;
            plain += Zstd.Compress(block, compressed, 3);
        }
        Assert.True(withDictionary * 2 < plain, $"dictionary {withDictionary} bytes, plain {plain} bytes");
    }

    [Fact]
    public void Levels_each_get_their_own_digested_dictionary()
    {
        using var dictionary = Trained();
        var block = Record(new Random(3));
        foreach (int level in new[] { -3, 1, 3, 19 })
        {
            var compressed = new byte[Zstd.CompressBound(block.Length)];
            int n = dictionary.Compress(block, compressed, level);
            var restored = new byte[block.Length];
            dictionary.Decompress(compressed.AsSpan(0, n), restored);
            Assert.Equal(block, restored);
        }
    }

    [Fact]
    public void A_frame_made_with_a_dictionary_does_not_decompress_without_it()
    {
        using var dictionary = Trained();
        var block = Record(new Random(4));
        var compressed = new byte[Zstd.CompressBound(block.Length)];
        int n = dictionary.Compress(block, compressed, 3);
        Assert.Throws<CodecException>(() => Zstd.Decompress(compressed.AsSpan(0, n), new byte[block.Length]));
    }

    [Fact]
    public void Malformed_input_and_a_short_destination_are_codec_errors()
    {
        using var dictionary = Trained();
        Assert.Throws<CodecException>(() => dictionary.Decompress(Encoding.ASCII.GetBytes("not a zstd frame at all"), new byte[100]));
        var block = Record(new Random(5));
        var compressed = new byte[Zstd.CompressBound(block.Length)];
        int n = dictionary.Compress(block, compressed, 3);
        Assert.Throws<CodecException>(() => dictionary.Decompress(compressed.AsSpan(0, n), new byte[block.Length - 1]));
        Assert.Throws<CodecException>(() => dictionary.Compress(block, new byte[2], 3));
    }

    [Fact]
    public void Training_on_too_little_is_a_codec_error_and_bad_arguments_are_refused()
    {
        var tiny = "abc"u8.ToArray();
        Assert.Throws<CodecException>(() => ZstdDictionary.Train(tiny, [3], 4096));
        Assert.Throws<ArgumentException>(() => ZstdDictionary.Train(tiny, [2], 4096));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZstdDictionary.Train(tiny, [0, 3], 4096));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZstdDictionary.Train(tiny, [3], 100));
        Assert.Throws<ArgumentException>(() => new ZstdDictionary([]));
    }

    [Fact]
    public void A_malformed_dictionary_is_a_codec_error_when_first_used()
    {
        using var trained = Trained();
        var bytes = trained.Bytes.ToArray();
        new Random(7).NextBytes(bytes.AsSpan(8, 64));
        using var malformed = new ZstdDictionary(bytes);
        Assert.Contains("digest", Assert.Throws<CodecException>(() => malformed.Decompress(new byte[16], new byte[16])).Message);
    }

    [Fact]
    public void Concurrent_calls_share_one_dictionary()
    {
        using var dictionary = Trained();
        Parallel.For(0, 8, t =>
        {
            var random = new Random(100 + t);
            for (int i = 0; i < 200; i++)
            {
                var block = Record(random);
                var compressed = new byte[Zstd.CompressBound(block.Length)];
                int n = dictionary.Compress(block, compressed, 1 + (i % 3));
                var restored = new byte[block.Length];
                dictionary.Decompress(compressed.AsSpan(0, n), restored);
                Assert.Equal(block, restored);
            }
        });
    }

    [Fact]
    public void A_disposed_dictionary_refuses_calls()
    {
        var dictionary = Trained();
        var block = Record(new Random(6));
        var compressed = new byte[Zstd.CompressBound(block.Length)];
        int n = dictionary.Compress(block, compressed, 3);
        dictionary.Dispose();
        dictionary.Dispose();
        Assert.Throws<ObjectDisposedException>(() => dictionary.Compress(block, compressed, 3));
        Assert.Throws<ObjectDisposedException>(() => dictionary.Decompress(compressed.AsSpan(0, n), new byte[block.Length]));
    }

    [Fact]
    public void Plain_and_dictionary_calls_on_the_shared_context_pool_never_see_each_others_dictionary()
    {
        // One thread, so each call reuses the one pooled context of its kind (Zstd and ZstdDictionary share the pool),
        // including after the dictionary it last used was disposed and its native memory freed.
        var random = new Random(8);
        var block = Record(random);
        var reference = new byte[Zstd.CompressBound(block.Length)];
        var plainFrame = reference.AsSpan(0, Zstd.Compress(block, reference, 3)).ToArray();
        for (int round = 0; round < 20; round++)
        {
            var compressed = new byte[Zstd.CompressBound(block.Length)];
            byte[] dictionaryFrame;
            using (var dictionary = Trained())
            {
                dictionaryFrame = compressed.AsSpan(0, dictionary.Compress(block, compressed, 3)).ToArray();
                var restored = new byte[block.Length];
                dictionary.Decompress(dictionaryFrame, restored);
                Assert.Equal(block, restored);
            }

            Assert.Equal(plainFrame, compressed.AsSpan(0, Zstd.Compress(block, compressed, 3)).ToArray());
            Assert.Throws<CodecException>(() => Zstd.Decompress(dictionaryFrame, new byte[block.Length]));
            var plainRestored = new byte[block.Length];
            Assert.Equal(block.Length, Zstd.Decompress(plainFrame, plainRestored));
            Assert.Equal(block, plainRestored);
        }
    }
}
