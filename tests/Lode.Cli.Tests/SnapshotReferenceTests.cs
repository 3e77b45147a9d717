using Lode.Cli.Commands;

namespace Lode.Cli.Tests;

public class SnapshotReferenceTests
{
    [Theory]
    [InlineData("latest", "latest", "")]
    [InlineData("latest:/linux", "latest", "linux")]
    [InlineData("latest:linux/", "latest", "linux")]
    [InlineData("ab12:/a/b.h", "ab12", "a/b.h")]
    [InlineData(":/x", "latest", "x")]
    [InlineData("v1.0:a:b", "v1.0", "a:b")]
    public void Splits_snapshot_and_path_at_the_first_colon(string text, string snapshot, string path)
    {
        Assert.Equal(new SnapshotReference(snapshot, path), SnapshotReference.Parse(text));
    }

    [Fact]
    public void A_path_that_climbs_out_is_refused()
    {
        Assert.Throws<LodeException>(() => SnapshotReference.Parse("latest:../etc/passwd"));
    }
}
