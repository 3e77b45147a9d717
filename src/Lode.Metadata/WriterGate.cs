using System.Runtime.InteropServices;

namespace Lode.Metadata;

/// <summary>
/// Lets single-key writers in together (each on a striped counter, so they do not contend on one cache line) and
/// lets one multi-key writer (rename, atomic batch) or a checkpoint's start have the store to itself: the exclusive
/// side waits until every shared writer has left, and holds new ones at the door. Readers never pass the gate.
/// </summary>
/// <remarks>Shared holders announce themselves before checking the exclusive flag and the exclusive side sets the
/// flag before reading the counters, both with full fences, so neither can miss the other (Dekker's handshake).</remarks>
internal sealed class WriterGate : IDisposable
{
    private const int Stripes = 16;
    private readonly Stripe[] _shared = new Stripe[Stripes];
    private readonly object _exclusiveLock = new();
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private int _exclusive;

    /// <summary>Enters as one of many single-key writers; returns the token for <see cref="ExitShared"/>.</summary>
    public int EnterShared()
    {
        int stripe = Environment.CurrentManagedThreadId & (Stripes - 1);
        while (true)
        {
            Interlocked.Increment(ref _shared[stripe].Count);
            if (Volatile.Read(ref _exclusive) == 0)
            {
                return stripe;
            }
            Interlocked.Decrement(ref _shared[stripe].Count);
            _open.Wait();
        }
    }

    /// <summary>Leaves the shared side.</summary>
    public void ExitShared(int token) => Interlocked.Decrement(ref _shared[token].Count);

    /// <summary>Waits for the store to itself: no other exclusive holder, and no shared writer inside. Pair with <see cref="ExitExclusive"/> on the same thread.</summary>
    public void EnterExclusive()
    {
        Monitor.Enter(_exclusiveLock);
        _open.Reset();
        Interlocked.Exchange(ref _exclusive, 1);
        for (int i = 0; i < Stripes; i++)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _shared[i].Count) != 0)
            {
                spin.SpinOnce();
            }
        }
    }

    /// <summary>Lets writers in again.</summary>
    public void ExitExclusive()
    {
        Volatile.Write(ref _exclusive, 0);
        _open.Set();
        Monitor.Exit(_exclusiveLock);
    }

    /// <summary>Releases the wait handle.</summary>
    public void Dispose() => _open.Dispose();

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Stripe
    {
        [FieldOffset(64)]
        public int Count;
    }
}
