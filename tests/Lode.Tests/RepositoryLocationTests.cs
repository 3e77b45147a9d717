namespace Lode.Tests;

public sealed class RepositoryLocationTests
{
    [Theory]
    [InlineData("s3://bucket", "bucket", "", "s3://bucket")]
    [InlineData("s3://bucket/", "bucket", "", "s3://bucket")]
    [InlineData("S3://my.bucket-1/a/b/", "my.bucket-1", "a/b", "s3://my.bucket-1/a/b")]
    [InlineData("s3://lode/repos/main", "lode", "repos/main", "s3://lode/repos/main")]
    public void An_s3_location_names_a_bucket_and_a_prefix(string text, string bucket, string prefix, string canonical)
    {
        var location = RepositoryLocation.Parse(text);

        Assert.True(location.IsRemote);
        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(prefix, location.Prefix);
        Assert.Null(location.LocalPath);
        Assert.Equal(canonical, location.ToString());
        Assert.Equal(text, location.Text);
    }

    [Theory]
    [InlineData("relative/repo")]
    [InlineData("/abs/repo")]
    [InlineData("s3:not-a-scheme")]
    public void Anything_without_a_scheme_is_a_local_directory(string text)
    {
        var location = RepositoryLocation.Parse(text);

        Assert.False(location.IsRemote);
        Assert.Equal(Path.GetFullPath(text), location.LocalPath);
        Assert.Equal(Path.GetFullPath(text), location.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("gs://bucket/x", "unknown scheme")]
    [InlineData("s3://", "no valid bucket")]
    [InlineData("s3://ab", "no valid bucket")]
    [InlineData("s3://bad bucket/x", "no valid bucket")]
    [InlineData("s3://bucket/a//b", "prefix")]
    [InlineData("s3://bucket/a/../b", "prefix")]
    public void A_malformed_location_is_refused_with_what_a_valid_one_looks_like(string text, string problem)
    {
        var e = Assert.Throws<LodeException>(() => RepositoryLocation.Parse(text));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
