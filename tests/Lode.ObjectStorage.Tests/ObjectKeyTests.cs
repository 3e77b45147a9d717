namespace Lode.ObjectStorage.Tests;

public sealed class ObjectKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("config")]
    [InlineData("snapshots/2026-11-20/abc.snap")]
    [InlineData("A-Z_a.z/0-9/...x/x..")]
    [InlineData("...")]
    [InlineData(".hidden")]
    public void Valid_keys_pass(string key)
    {
        Assert.True(ObjectKey.IsValid(key));
        ObjectKey.Validate(key);
    }

    [Theory]
    [MemberData(nameof(ObjectStoreContractTests.InvalidKeys), MemberType = typeof(ObjectStoreContractTests))]
    public void Invalid_keys_fail_with_a_message_that_names_the_key(string key)
    {
        Assert.False(ObjectKey.IsValid(key));
        var error = Assert.Throws<ArgumentException>(() => ObjectKey.Validate(key));
        Assert.Equal("key", error.ParamName);
        Assert.Contains(ObjectKey.Describe(key), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_key_is_invalid()
    {
        Assert.False(ObjectKey.IsValid(null));
        Assert.Throws<ArgumentNullException>(() => ObjectKey.Validate(null!));
    }

    [Fact]
    public void Describe_escapes_control_characters_and_shortens_long_keys()
    {
        Assert.Equal("\"a\\u0000b\\u005c\"", ObjectKey.Describe("a\0b\\"));
        string described = ObjectKey.Describe(new string('x', 5000));
        Assert.True(described.Length < 120, described);
        Assert.Contains("5000 characters", described, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_strings_are_valid_exactly_when_they_follow_the_rules()
    {
        const string Alphabet = "a.-_/Z9\\ \0";
        var random = new Random(42);
        for (int i = 0; i < 20_000; i++)
        {
            string key = new(Enumerable.Range(0, random.Next(0, 9)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            bool expected = key.Length > 0 && key.Split('/').All(segment =>
                segment.Length > 0 && segment is not "." and not ".." &&
                segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'));
            Assert.True(expected == ObjectKey.IsValid(key), $"key {ObjectKey.Describe(key)}: expected valid = {expected}");
        }
    }
}
