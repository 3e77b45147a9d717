using System.Buffers.Binary;
using Lode.Metadata;
using Lode.Metadata.CrashChild;

// Usage: Lode.Metadata.CrashChild STORE-DIR ACK-DIR WRITERS
// Opens the store (the recovery under test), checks every acknowledged write of every writer, prints "ready",
// then writes forever with Sync durability, fsyncing an acknowledgement after each write the store returned.
// Prints "FAIL ..." and exits non-zero when the store does not open or an acknowledged write is missing.
if (args.Length != 3 || !int.TryParse(args[2], out int writers))
{
    Console.Error.WriteLine("usage: Lode.Metadata.CrashChild STORE-DIR ACK-DIR WRITERS");
    return 2;
}
string storeDirectory = args[0];
string ackDirectory = args[1];
MetadataStore store;
try
{
    store = MetadataStore.Open(storeDirectory, new MetadataStoreOptions
    {
        Durability = Durability.Sync,
        CheckpointWalBytes = 48 << 10,
        RingBytes = MetadataStoreOptions.MinRingBytes,
    });
}
catch (MetadataException e)
{
    Console.WriteLine($"FAIL open: {e.Message}");
    return 3;
}
var next = new long[writers];
for (int t = 0; t < writers; t++)
{
    long last = CrashWorkload.LastAcknowledged(ackDirectory, t);
    if (CrashWorkload.Verify(store, t, last) is { } problem)
    {
        Console.WriteLine($"FAIL verify: {problem}");
        return 4;
    }
    next[t] = last + 1;
}
Console.WriteLine($"ready {next.Sum()} {store.Recovery.ReplayedRecords} {store.Recovery.TornTailBytes}");
var threads = Enumerable.Range(0, writers).Select(t => new Thread(() =>
{
    using var acks = new FileStream(CrashWorkload.AckPath(ackDirectory, t), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1);
    // A torn last entry (a kill inside the ack write) is cut away so entries stay 8-byte aligned.
    acks.SetLength(acks.Length / 8 * 8);
    acks.Position = acks.Length;
    var entry = new byte[8];
    for (long i = next[t]; ; i++)
    {
        CrashWorkload.Run(store, t, i);
        BinaryPrimitives.WriteInt64LittleEndian(entry, i);
        acks.Write(entry);
        acks.Flush(flushToDisk: true);
    }
})).ToList();
threads.ForEach(t => t.Start());
threads.ForEach(t => t.Join());
return 0;
