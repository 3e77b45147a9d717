namespace Lode.ObjectStorage;

/// <summary>One fetch of one object into the cache, shared by every cold open of that object while it runs.</summary>
internal sealed class ColdFetch
{
    /// <summary>The object's length, known once its HEAD answered; faults when the HEAD failed (e.g. not found).</summary>
    public TaskCompletionSource<long> Length { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The entry once the object is local, or <c>null</c> when it was not admitted (no room): read it with ranges.</summary>
    public Task<CacheEntry?> Completion { get; set; } = null!;
}
