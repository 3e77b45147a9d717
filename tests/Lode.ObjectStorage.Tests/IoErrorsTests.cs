namespace Lode.ObjectStorage.Tests;

public sealed class IoErrorsTests
{
    [Theory]
    [InlineData(28, "disk is full")]
    [InlineData(122, "quota")]
    [InlineData(30, "read-only")]
    [InlineData(5, "check the disk")]
    public void Disk_failures_become_permanent_errors_with_key_path_and_advice(int errno, string advice)
    {
        var io = new IOException("native message", errno);
        var error = IoErrors.Map(io, "write", "snap/k", "/repo/snap/k");
        var permanent = Assert.IsType<ObjectStorePermanentException>(error);
        Assert.Equal("snap/k", permanent.Key);
        Assert.Same(io, permanent.InnerException);
        Assert.Contains("\"snap/k\"", permanent.Message, StringComparison.Ordinal);
        Assert.Contains("/repo/snap/k", permanent.Message, StringComparison.Ordinal);
        Assert.Contains(advice, permanent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Permission_denied_is_permanent()
    {
        var error = IoErrors.Map(new UnauthorizedAccessException("denied"), "open", "k", "/repo/k");
        Assert.IsType<ObjectStorePermanentException>(error);
        Assert.Contains("permission denied", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(16)]
    [InlineData(110)]
    public void Busy_filesystems_give_transient_errors(int errno)
    {
        Assert.IsType<ObjectStoreTransientException>(IoErrors.Map(new IOException("busy", errno), "read", "k", "/repo/k"));
    }
}
