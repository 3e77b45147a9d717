namespace Lode.Acceptance.Tests.Fixtures;

/// <summary>Tests that share the generated tree's snapshot.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedTreeCollection : ICollectionFixture<GeneratedTreeFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "generated tree";
}
