using Lode.Acceptance.Tests.Corpus;

namespace Lode.Acceptance.Tests.SelfTests;

public sealed class PathOrderTests
{
    [Theory]
    [InlineData("a/b", "a.h")]
    [InlineData("a/z/z", "a-b")]
    [InlineData("A", "a")]
    [InlineData("Z", "a")]
    [InlineData("a", "a/b")]
    [InlineData("z", "é")]
    [InlineData("\uFF21", "😀")]
    public void Paths_sort_component_wise_by_utf8_bytes(string first, string second)
    {
        Assert.True(ComponentPathOrder.Instance.Compare(first, second) < 0, $"'{first}' must sort before '{second}'");
        Assert.True(ComponentPathOrder.Instance.Compare(second, first) > 0, $"'{second}' must sort after '{first}'");
    }

    [Fact]
    public void Utf16_ordinal_order_disagrees_on_supplementary_characters_so_bytes_are_used()
    {
        Assert.True(string.CompareOrdinal("\uFF21", "😀") > 0);
        Assert.True(ComponentPathOrder.CompareBytes("\uFF21", "😀") < 0);
    }
}
