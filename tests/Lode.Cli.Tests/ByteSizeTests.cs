namespace Lode.Cli.Tests;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("4096", 4096L)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("10GiB", 10L << 30)]
    [InlineData("10gib", 10L << 30)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("2K", 2048L)]
    [InlineData("2KB", 2000L)]
    [InlineData("3MB", 3_000_000L)]
    [InlineData("1TiB", 1L << 40)]
    [InlineData("7B", 7L)]
    public void Sizes_parse_with_binary_and_decimal_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GiB")]
    [InlineData("-1")]
    [InlineData("10XB")]
    [InlineData("10 GiB")]
    [InlineData("1.2.3M")]
    [InlineData("99999999999TiB")]
    public void Anything_else_is_not_a_size(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
    }
}
