namespace Lode.ObjectStorage;

/// <summary>A range of an object: <see cref="Length"/> bytes starting <see cref="Offset"/> bytes in.</summary>
/// <param name="Offset">The first byte, from the start of the object.</param>
/// <param name="Length">The number of bytes.</param>
public readonly record struct ByteRange(long Offset, int Length);
