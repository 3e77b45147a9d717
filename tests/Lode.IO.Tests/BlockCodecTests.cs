using System.Text;
using Lode.IO;

namespace Lode.IO.Tests;

public class BlockCodecTests
{
    public static TheoryData<CompressionCodec> Codecs => new() { CompressionCodec.None, CompressionCodec.Zstd, CompressionCodec.Lz4 };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Round_trips_random_text_and_empty_inputs(CompressionCodec codec)
    {
        var random = new Random(42);
        foreach (int length in new[] { 0, 1, 17, 4096, 65536, 300_000 })
        {
            var source = new byte[length];
            for (int i = 0; i < length; i++)
            {
                source[i] = (byte)"abcdefgh \n"[random.Next(10)];
            }
            var compressed = new byte[BlockCodec.CompressBound(codec, length)];
            int n = BlockCodec.Compress(codec, 3, source, compressed);
            var restored = new byte[length];
            BlockCodec.Decompress(codec, compressed.AsSpan(0, n), restored);
            Assert.Equal(source, restored);
        }
    }

    [Theory]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4)]
    public void Compressible_text_gets_smaller(CompressionCodec codec)
    {
        var source = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("#include <stdio.h>\n", 1000)));
        var compressed = new byte[BlockCodec.CompressBound(codec, source.Length)];
        int n = BlockCodec.Compress(codec, 3, source, compressed);
        Assert.True(n < source.Length / 10, $"{codec} compressed {source.Length} bytes to {n}");
    }

    [Theory]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4)]
    public void Corrupt_input_is_a_codec_exception_not_wrong_bytes(CompressionCodec codec)
    {
        var source = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("lode snapshot ", 500)));
        var compressed = new byte[BlockCodec.CompressBound(codec, source.Length)];
        int n = BlockCodec.Compress(codec, 3, source, compressed);
        var restored = new byte[source.Length];
        // A truncated block can never decompress to the full expected length.
        Assert.Throws<CodecException>(() => BlockCodec.Decompress(codec, compressed.AsSpan(0, n / 2), restored));
        // A destination of the wrong size is refused too.
        Assert.Throws<CodecException>(() => BlockCodec.Decompress(codec, compressed.AsSpan(0, n), new byte[source.Length + 1]));
    }

    [Fact]
    public void Uncompressed_block_of_wrong_length_is_refused()
    {
        Assert.Throws<CodecException>(() => BlockCodec.Decompress(CompressionCodec.None, new byte[3], new byte[4]));
    }

    [Fact]
    public void Zstd_reports_its_version_and_levels()
    {
        Assert.True(Zstd.Version >= 10400);
        Assert.True(Zstd.MaxLevel >= 19);
    }

    [Fact]
    public void Parallel_use_of_pooled_contexts_is_safe()
    {
        var source = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i}\n")));
        Parallel.For(0, 64, _ =>
        {
            var compressed = new byte[Zstd.CompressBound(source.Length)];
            int n = Zstd.Compress(source, compressed, 3);
            var restored = new byte[source.Length];
            Assert.Equal(source.Length, Zstd.Decompress(compressed.AsSpan(0, n), restored));
            Assert.Equal(source, restored);
        });
    }
}
