namespace Lode.ObjectStorage;

/// <summary>What a store knows about one object without reading it.</summary>
/// <param name="Key">The object's key (see <see cref="ObjectKey"/>).</param>
/// <param name="Length">The object's size in bytes.</param>
/// <param name="LastModified">When the current version of the object was written (UTC).</param>
public sealed record ObjectInfo(string Key, long Length, DateTimeOffset LastModified);
