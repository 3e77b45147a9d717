namespace Lode.SuffixArrays.FmIndexing;

/// <summary>A directory entry: where one section lies in the serialized index and its CRC32C.</summary>
internal readonly record struct FmSection(long Offset, int Length, uint Crc);
