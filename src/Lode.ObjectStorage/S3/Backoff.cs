namespace Lode.ObjectStorage;

/// <summary>
/// Retries an operation on <see cref="ObjectStoreTransientException"/> with exponential backoff and full jitter:
/// before retry <c>n</c> (from 0) it sleeps a uniformly random time in <c>[0, min(max, base × 2^n))</c>.
/// Source: Marc Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog (2015), the "full jitter" variant.
/// </summary>
/// <remarks>Thread-safe (the random source is <see cref="Random.Shared"/>).</remarks>
internal sealed class Backoff(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay)
{
    /// <summary>Runs <paramref name="operation"/>, retrying transient failures up to the retry limit.</summary>
    /// <exception cref="ObjectStoreTransientException">The last try failed transiently; the message counts the tries.</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (ObjectStoreTransientException) when (attempt < maxRetries)
            {
                await Task.Delay(Delay(attempt), cancellationToken);
            }
            catch (ObjectStoreTransientException e) when (maxRetries > 0)
            {
                throw new ObjectStoreTransientException(
                    $"{e.Message} (gave up after {maxRetries + 1} tries; check the service and the network, then retry)", e.Key, e);
            }
        }
    }

    /// <summary>The sleep before retry <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan Delay(int attempt)
    {
        double ceiling = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Min(attempt, 62)));
        return TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * ceiling));
    }
}
