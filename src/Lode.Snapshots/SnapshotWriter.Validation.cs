using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots;

/// <summary>Checking the options before anything is written.</summary>
public sealed partial class SnapshotWriter
{
    private static void ValidateOptions(SnapshotWriterOptions options)
    {
        ValidateSettings(options.Codec, options.Level, options.Chunking, "");
        ArgumentNullException.ThrowIfNull(options.StreamOptions, nameof(options));
        foreach (var (name, overrides) in options.StreamOptions)
        {
            StreamNames.Validate(name, nameof(options));
            ArgumentNullException.ThrowIfNull(overrides, nameof(options));
            ValidateSettings(overrides.Codec ?? options.Codec, overrides.Level ?? options.Level, overrides.Chunking ?? options.Chunking, $" of stream '{name}'");
        }
        if (options.Parallelism < 1)
        {
            throw new ArgumentException($"Parallelism must be at least 1; got {options.Parallelism}.", nameof(options));
        }
        if (options.DictionarySampleBytes is < MinimumSample or > MaximumSample)
        {
            throw new ArgumentException($"The dictionary sample must be between {MinimumSample} and {MaximumSample} bytes; got {options.DictionarySampleBytes}.", nameof(options));
        }
    }

    private static void ValidateSettings(CompressionCodec codec, int level, ChunkingOptions chunking, string where)
    {
        ArgumentNullException.ThrowIfNull(chunking, nameof(SnapshotWriterOptions.Chunking));
        chunking.Validate();
        if (!Enum.IsDefined(codec))
        {
            throw new ArgumentException($"Unknown codec {(byte)codec}{where}.", nameof(SnapshotWriterOptions.Codec));
        }
        if (level is < SnapshotLayout.MinLevel or > SnapshotLayout.MaxLevel)
        {
            throw new ArgumentException($"The zstd level{where} must be between {SnapshotLayout.MinLevel} and {SnapshotLayout.MaxLevel}; got {level}.", nameof(SnapshotWriterOptions.Level));
        }
    }
}
