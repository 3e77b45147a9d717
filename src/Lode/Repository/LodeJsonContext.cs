using System.Text.Json.Serialization;

namespace Lode;

/// <summary>Source-generated JSON for the repository's own records (no reflection at start-up).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SnapshotManifest))]
[JsonSerializable(typeof(RepositoryConfig))]
[JsonSerializable(typeof(ListingFile.StoredListing))]
internal sealed partial class LodeJsonContext : JsonSerializerContext;
