namespace Lode.Tests;

public class SnapshotPathTests
{
    [Theory]
    [InlineData("/a/b/", "a/b")]
    [InlineData("a//b", "a/b")]
    [InlineData("./a/./b", "a/b")]
    [InlineData("/", "")]
    [InlineData("", "")]
    public void Normalizes_user_paths(string input, string expected) => Assert.Equal(expected, SnapshotPath.Normalize(input));

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/../../b")]
    [InlineData("a\0b")]
    public void Refuses_paths_that_climb_out(string input) => Assert.Throws<LodeException>(() => SnapshotPath.Normalize(input));
}
