namespace Lode.Acceptance.Tests.Fixtures;

/// <summary>Tests that share the /usr/include snapshot.</summary>
[CollectionDefinition(Name)]
public sealed class UsrIncludeCollection : ICollectionFixture<UsrIncludeFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "usr include";
}
