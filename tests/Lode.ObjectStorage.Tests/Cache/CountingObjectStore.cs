namespace Lode.ObjectStorage.Tests;

/// <summary>Counts the requests that reach a store; can hold range GETs of one size until released.</summary>
internal sealed class CountingObjectStore(IObjectStore inner) : DelegatingObjectStore(inner)
{
    private int _heads;
    private int _ranges;

    public int Heads => Volatile.Read(ref _heads);

    public int Ranges => Volatile.Read(ref _ranges);

    /// <summary>Range GETs of exactly this length wait for <see cref="Gate"/>.</summary>
    public int? GatedLength { get; set; }

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when the number of range GETs reaches <see cref="SignalAfterRanges"/>.</summary>
    public TaskCompletionSource RangesReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int SignalAfterRanges { get; set; } = int.MaxValue;

    public override async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _heads);
        return await base.HeadAsync(key, cancellationToken);
    }

    public override async Task<byte[]> GetRangeAsync(string key, long offset, int length, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _ranges) >= SignalAfterRanges)
        {
            RangesReached.TrySetResult();
        }
        if (length == GatedLength)
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }
        return await base.GetRangeAsync(key, offset, length, cancellationToken);
    }
}
