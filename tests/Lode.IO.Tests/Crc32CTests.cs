using System.Text;
using Lode.IO;

namespace Lode.IO.Tests;

public class Crc32CTests
{
    [Fact]
    public void Check_value_matches_the_standard()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Empty_input_has_crc_zero()
    {
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Append_equals_compute_over_the_concatenation()
    {
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        for (int split = 0; split <= data.Length; split += 37)
        {
            uint whole = Crc32C.Compute(data);
            uint parts = Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split));
            Assert.Equal(whole, parts);
        }
    }

    [Fact]
    public void Every_length_and_alignment_agrees_with_the_bitwise_definition()
    {
        // Around the three-stripe (3 KiB) boundaries where the interleaved path takes over, and well past them.
        var random = new Random(9);
        var data = new byte[20_000];
        random.NextBytes(data);
        foreach (int length in new[] { 0, 1, 7, 8, 9, 1023, 1024, 3071, 3072, 3073, 3080, 6143, 6144, 6145, 9216, 19_999 })
        {
            int offset = random.Next(data.Length - length + 1);
            var slice = data.AsSpan(offset, length);
            Assert.Equal(Bitwise(slice), Crc32C.Compute(slice));
            int cut = random.Next(length + 1);
            Assert.Equal(Bitwise(slice), Crc32C.Append(Crc32C.Compute(slice[..cut]), slice[cut..]));
        }
    }

    /// <summary>CRC-32C by its definition, one bit at a time (reflected polynomial 0x82F63B78).</summary>
    private static uint Bitwise(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
            }
        }
        return ~crc;
    }

    [Fact]
    public void A_flipped_bit_changes_the_crc()
    {
        var data = new byte[4096];
        new Random(1).NextBytes(data);
        uint before = Crc32C.Compute(data);
        data[2049] ^= 0x10;
        Assert.NotEqual(before, Crc32C.Compute(data));
    }
}
