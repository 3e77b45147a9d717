namespace Lode.Metadata;

public sealed partial class MetadataStore
{
    private readonly object _checkpointSignal = new();
    private Thread? _checkpointer;
    private bool _checkpointerStopping;
    private int _checkpointRequested;

    /// <summary>Asks the background checkpointer for a checkpoint once the log since the last one reaches the size trigger.</summary>
    private void NoteLogEnd(long end)
    {
        long threshold = _options.CheckpointWalBytes;
        if (threshold > 0 && end - Interlocked.Read(ref _checkpointLsn) >= threshold && Interlocked.Exchange(ref _checkpointRequested, 1) == 0)
        {
            lock (_checkpointSignal)
            {
                Monitor.Pulse(_checkpointSignal);
            }
        }
    }

    private void StartCheckpointer()
    {
        _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "Lode.Metadata checkpointer" };
        _checkpointer.Start();
    }

    private void StopCheckpointer()
    {
        lock (_checkpointSignal)
        {
            _checkpointerStopping = true;
            Monitor.Pulse(_checkpointSignal);
        }
        _checkpointer?.Join();
    }

    /// <summary>The background checkpointer: waits for the size trigger or the interval, then checkpoints if anything changed.</summary>
    private void CheckpointLoop()
    {
        TimeSpan interval = _options.CheckpointInterval == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : _options.CheckpointInterval;
        while (true)
        {
            lock (_checkpointSignal)
            {
                if (!_checkpointerStopping && Volatile.Read(ref _checkpointRequested) == 0)
                {
                    Monitor.Wait(_checkpointSignal, interval);
                }
                if (_checkpointerStopping)
                {
                    return;
                }
            }
            try
            {
                // Cleared first: a failure recorded during the checkpoint (deleting obsolete files) must stay visible.
                _lastCheckpointError = null;
                lock (_checkpointLock)
                {
                    RunCheckpoint();
                }
            }
            catch (MetadataException e)
            {
                _lastCheckpointError = e.Message;
                Volatile.Write(ref _checkpointRequested, 0);
            }
        }
    }
}
