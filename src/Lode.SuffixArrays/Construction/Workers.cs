using System.Runtime.ExceptionServices;

namespace Lode.SuffixArrays;

/// <summary>
/// Runs work items 0..count−1 on a fixed number of workers that take the next item from a shared counter, so
/// items are started in increasing order and each worker keeps its own state (scratch buffers) across items.
/// </summary>
internal static class Workers
{
    /// <summary>
    /// Runs <paramref name="work"/> for every item in [0, <paramref name="count"/>) on at most
    /// <paramref name="threads"/> workers, each with a state from <paramref name="createState"/>. Returns when
    /// every item is done.
    /// </summary>
    /// <exception cref="Exception">The first exception a work item threw, unwrapped; the other workers stop
    /// taking items.</exception>
    public static void Run<TState>(int threads, int count, Func<TState> createState, Action<TState, int> work)
    {
        int next = -1;
        int failed = 0;
        int workers = Math.Max(1, Math.Min(threads, count));
        if (workers == 1)
        {
            var state = createState();
            for (int item = 0; item < count; item++)
            {
                work(state, item);
            }
            return;
        }
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
            {
                var state = createState();
                int item;
                while (Volatile.Read(ref failed) == 0 && (item = Interlocked.Increment(ref next)) < count)
                {
                    try
                    {
                        work(state, item);
                    }
                    catch
                    {
                        Volatile.Write(ref failed, 1);
                        throw;
                    }
                }
            });
        }
        catch (AggregateException error)
        {
            ExceptionDispatchInfo.Throw(error.InnerExceptions[0]);
        }
    }

    /// <summary>Runs <paramref name="work"/> for every item in [0, <paramref name="count"/>) on at most <paramref name="threads"/> workers.</summary>
    public static void Run(int threads, int count, Action<int> work) =>
        Run<object?>(threads, count, static () => null, (_, item) => work(item));
}
