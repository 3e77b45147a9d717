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

    [Theory]
    [InlineData("", true)]
    [InlineData("a", true)]
    [InlineData("a/b.c/..d", true)]
    [InlineData("...", true)]
    [InlineData("/a", false)]
    [InlineData("a/", false)]
    [InlineData("a//b", false)]
    [InlineData(".", false)]
    [InlineData("a/./b", false)]
    [InlineData("a/..", false)]
    [InlineData("../a", false)]
    [InlineData("a\0b", false)]
    public void Stored_paths_are_relative_with_no_empty_dot_or_dotdot_component(string path, bool valid) =>
        Assert.Equal(valid, SnapshotPath.IsValidStored(path));

    [Theory]
    [InlineData("a/b/c", "a/b")]
    [InlineData("a", "")]
    [InlineData("", "")]
    public void The_parent_of_a_stored_path(string path, string parent)
    {
        Assert.Equal(parent, SnapshotPath.Parent(path));
        Assert.Equal(parent, SnapshotPath.ParentSpan(path).ToString());
    }
}
