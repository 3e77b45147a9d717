namespace Lode.Snapshots.Tests;

/// <summary>
/// A task scheduler that runs nothing until someone waits for one of its tasks, and then runs every task queued so
/// far on the waiting thread, newest first: later chunks of a snapshot writer are hashed before earlier ones, every
/// time, so a test can depend on that order.
/// </summary>
internal sealed class NewestFirstScheduler : TaskScheduler
{
    private readonly Lock _lock = new();
    private readonly List<Task> _queued = [];

    protected override void QueueTask(Task task)
    {
        lock (_lock)
        {
            _queued.Add(task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued)
    {
        Task[] batch;
        lock (_lock)
        {
            batch = [.. _queued];
            _queued.Clear();
        }
        for (int i = batch.Length - 1; i >= 0; i--)
        {
            TryExecuteTask(batch[i]);
        }
        return task.IsCompleted || TryExecuteTask(task);
    }

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_lock)
        {
            return [.. _queued];
        }
    }
}
