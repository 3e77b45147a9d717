using Lode.ObjectStorage;

namespace Lode.Tests;

/// <summary>How a remote location becomes S3 settings, a cache scope and a cache directory.</summary>
public sealed class StoreFactoryTests
{
    [Fact]
    public void An_explicit_endpoint_wins_over_the_environment_and_turns_on_path_style()
    {
        var options = new RepositoryOptions
        {
            S3Endpoint = new Uri("http://127.0.0.1:9000"),
            Environment = Variables(("AWS_ENDPOINT_URL", "http://elsewhere:1"), ("AWS_REGION", "eu-west-1")),
        };

        var s3 = StoreFactory.S3Options(RepositoryLocation.Parse("s3://b-1/p"), options);

        Assert.Equal(new Uri("http://127.0.0.1:9000"), s3.Endpoint);
        Assert.True(s3.ForcePathStyle);
        Assert.Equal("eu-west-1", s3.Region);
        Assert.Equal("b-1", s3.Bucket);
        Assert.Equal("p", s3.Prefix);
    }

    [Fact]
    public void The_s3_endpoint_variable_wins_over_the_generic_one()
    {
        var options = new RepositoryOptions { Environment = Variables(("AWS_ENDPOINT_URL", "http://generic:1"), ("AWS_ENDPOINT_URL_S3", "http://s3only:2")) };

        var s3 = StoreFactory.S3Options(RepositoryLocation.Parse("s3://bucket"), options);

        Assert.Equal(new Uri("http://s3only:2"), s3.Endpoint);
        Assert.True(s3.ForcePathStyle);
    }

    [Fact]
    public void Without_an_endpoint_requests_go_to_aws_with_virtual_hosted_addressing()
    {
        var s3 = StoreFactory.S3Options(RepositoryLocation.Parse("s3://bucket"), new RepositoryOptions { Environment = Variables() });

        Assert.Null(s3.Endpoint);
        Assert.False(s3.ForcePathStyle);
        Assert.Equal("us-east-1", s3.Region);
        Assert.Null(s3.Credentials);
    }

    [Fact]
    public void Key_variables_give_static_credentials_unless_a_profile_is_named()
    {
        var keys = Variables(("AWS_ACCESS_KEY_ID", "id"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_SESSION_TOKEN", "token"));
        var withProfile = Variables(("AWS_ACCESS_KEY_ID", "id"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_PROFILE", "work"));
        var location = RepositoryLocation.Parse("s3://bucket");

        var fromKeys = StoreFactory.S3Options(location, new RepositoryOptions { Environment = keys });
        var fromProfile = StoreFactory.S3Options(location, new RepositoryOptions { Environment = withProfile });

        Assert.Equal(new S3Credentials("id", "secret", "token"), fromKeys.Credentials);
        Assert.Null(fromProfile.Credentials);
        Assert.Equal("work", fromProfile.Profile);
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL", "not a url")]
    [InlineData("LODE_TEST_LATENCY_MS", "fast")]
    [InlineData("LODE_TEST_LATENCY_MS", "-5")]
    public void A_bad_variable_is_a_one_line_engine_error(string name, string value)
    {
        var options = new RepositoryOptions
        {
            Environment = Variables((name, value)),
            Cache = new CacheSettings { Directory = Path.Combine(Path.GetTempPath(), "lode-unused-" + Guid.NewGuid().ToString("N")) },
        };

        var e = Assert.Throws<LodeException>(() => StoreFactory.Create(RepositoryLocation.Parse("s3://bucket/x"), options));

        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.Cache.Directory));
    }

    [Fact]
    public void The_cache_scope_names_the_endpoint_so_two_servers_never_share_entries()
    {
        var location = RepositoryLocation.Parse("s3://bucket/p");

        Assert.Equal("s3://bucket/p", StoreFactory.Scope(location, null));
        Assert.NotEqual(StoreFactory.Scope(location, new Uri("http://a:1")), StoreFactory.Scope(location, new Uri("http://a:2")));
    }

    [Theory]
    [InlineData("/explicit", "/xdg", "/explicit")]
    [InlineData(null, "/xdg", "/xdg/lode")]
    public void The_cache_directory_comes_from_LODE_CACHE_DIR_then_XDG_CACHE_HOME(string? lode, string? xdg, string expected)
    {
        Assert.Equal(expected, CacheSettings.DirectoryFrom(Variables(("LODE_CACHE_DIR", lode), ("XDG_CACHE_HOME", xdg))));
    }

    [Fact]
    public void The_cache_directory_defaults_to_dot_cache_in_the_home_directory()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Combine(home, ".cache", "lode"), CacheSettings.DirectoryFrom(Variables()));
    }

    private static Func<string, string?> Variables(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
