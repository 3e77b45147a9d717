using Lode.Snapshots.Format;

namespace Lode.Snapshots.Reading;

/// <summary>A block of a stream with its number and logical start.</summary>
internal readonly record struct BlockSlot(long Number, long Start, BlockInfo Info);
