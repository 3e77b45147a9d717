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
    public void A_flipped_bit_changes_the_crc()
    {
        var data = new byte[4096];
        new Random(1).NextBytes(data);
        uint before = Crc32C.Compute(data);
        data[2049] ^= 0x10;
        Assert.NotEqual(before, Crc32C.Compute(data));
    }
}
