using Lode.IO;

namespace Lode.Cli.Commands;

/// <summary>The <c>--compression</c> value of <c>lode init</c>: <c>zstd</c>, <c>zstd:LEVEL</c> (1–22), <c>lz4</c> or
/// <c>none</c>.</summary>
internal static class CompressionSetting
{
    public const string Help = "Block compression of the repository: zstd (default, level 3), zstd:LEVEL (1-22), lz4 or none.";

    /// <summary>Parses <paramref name="text"/>; null and an error message when it is not a valid setting.</summary>
    public static (CompressionCodec Codec, int Level)? Parse(string text, out string? error)
    {
        error = null;
        string[] parts = text.Trim().ToLowerInvariant().Split(':', 2);
        switch (parts[0])
        {
            case "zstd" when parts.Length == 1:
                return (CompressionCodec.Zstd, 3);
            case "zstd" when int.TryParse(parts[1], out int level) && level >= 1 && level <= Zstd.MaxLevel:
                return (CompressionCodec.Zstd, level);
            case "lz4" when parts.Length == 1:
                return (CompressionCodec.Lz4, 0);
            case "none" when parts.Length == 1:
                return (CompressionCodec.None, 0);
            default:
                error = $"--compression '{text}' is not one of zstd, zstd:LEVEL (1-{Zstd.MaxLevel}), lz4, none.";
                return null;
        }
    }
}
