using System.Buffers.Binary;
using System.Text;
using Lode.Metadata.Wal;

namespace Lode.Metadata.Tests.Wal;

public class WalRingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    /// <summary>A put record for key <paramref name="key"/> with a value of <paramref name="padding"/> bytes, sealed at <paramref name="lsn"/>.</summary>
    private static byte[] PutRecord(string key, int padding, long lsn, long version)
    {
        byte[] keyBytes = Encoding.ASCII.GetBytes(key);
        var record = new byte[WalRecord.PutSize(keyBytes.Length, padding)];
        WalRecord.WritePut(record, keyBytes, Enumerable.Repeat((byte)'.', padding).ToArray());
        WalRecord.Seal(record, WalRecordType.Put, lsn, version);
        return record;
    }

    /// <summary>Reserves, encodes at the reserved address, fills and publishes one record; returns its end.</summary>
    private static long Append(WalRing ring, string key, int padding, long version)
    {
        int length = WalRecord.PutSize(key.Length, padding);
        long lsn = ring.Reserve(length);
        ring.Fill(lsn, PutRecord(key, padding, lsn, version));
        ring.Publish(lsn, length);
        return lsn + length;
    }

    /// <summary>Splits a log into its records, checking each at its address; returns the keys in log order.</summary>
    private static List<string> Keys(byte[] log, long startLsn)
    {
        var keys = new List<string>();
        for (int at = 0; at < log.Length;)
        {
            int length = WalRecord.Check(log.AsSpan(at), startLsn + at);
            Assert.True(length > 0, $"no valid record at log offset {at}");
            int keyLength = BinaryPrimitives.ReadInt32LittleEndian(log.AsSpan(at + WalRecord.HeaderSize));
            keys.Add(Encoding.ASCII.GetString(log, at + WalRecord.HeaderSize + 8, keyLength));
            at += length;
        }
        return keys;
    }

    [Fact]
    public void In_order_publishing_advances_the_committed_address_densely()
    {
        var sink = new MemoryWalSink(0);
        using var ring = new WalRing(1024, sink, 0, 0, Interval);
        long expected = 0;
        for (int i = 0; i < 50; i++)
        {
            long end = Append(ring, $"key{i}", i % 7, i + 1);
            Assert.Equal(expected + WalRecord.PutSize($"key{i}".Length, i % 7), end);
            Assert.Equal(end, ring.Committed);
            Assert.Equal(i + 1, ring.Records);
            expected = end;
        }
        Assert.Equal(expected, ring.Tail);
    }

    [Fact]
    public void An_out_of_order_publish_holds_the_prefix_at_the_first_gap_until_it_is_filled()
    {
        var sink = new MemoryWalSink(0);
        using var ring = new WalRing(1024, sink, 0, 0, Interval);
        long a = ring.Reserve(40);
        long b = ring.Reserve(50);
        long c = ring.Reserve(60);
        Assert.Equal([0L, 40L, 90L], new[] { a, b, c });
        ring.Fill(c, PutRecord("c", 60 - WalRecord.PutSize(1, 0), c, 3));
        ring.Publish(c, 60);
        Assert.Equal(0, ring.Committed);
        ring.Fill(a, PutRecord("a", 40 - WalRecord.PutSize(1, 0), a, 1));
        ring.Publish(a, 40);
        Assert.Equal(40, ring.Committed);
        Assert.Equal(1, ring.Records);
        ring.Fill(b, PutRecord("b", 50 - WalRecord.PutSize(1, 0), b, 2));
        ring.Publish(b, 50);
        Assert.Equal(150, ring.Committed);
        Assert.Equal(3, ring.Records);
        ring.WaitDurable(150);
        Assert.Equal(["a", "b", "c"], Keys(sink.Bytes, 0));
    }

    [Fact]
    public void A_record_across_the_physical_wrap_is_copied_out_identically()
    {
        var sink = new MemoryWalSink(0);
        using var ring = new WalRing(64, sink, 0, 0, Interval);
        ring.WaitDurable(Append(ring, "first", 50 - WalRecord.PutSize(5, 0), 1));
        long lsn = ring.Reserve(50);
        Assert.Equal(50, lsn);
        byte[] record = PutRecord("wraps", 50 - WalRecord.PutSize(5, 0), lsn, 2);
        ring.Fill(lsn, record);
        ring.Publish(lsn, record.Length);
        ring.WaitDurable(100);
        Assert.Equal(record, sink.Bytes[50..100]);
        Assert.False(sink.OutOfOrder);
    }

    [Theory]
    [InlineData(4096, 4, 3000)]
    [InlineData(128, 16, 1500)]
    public void Many_producers_and_one_flusher_lose_and_duplicate_nothing(int capacity, int producers, int perProducer)
    {
        // With a 128-byte ring and records of up to 100 bytes, almost every record wraps or waits for room.
        var sink = new MemoryWalSink(0);
        using var ring = new WalRing(capacity, sink, 0, 0, Interval);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            var random = new Random(p);
            for (int i = 0; i < perProducer; i++)
            {
                long end = Append(ring, $"p{p}/{i}", random.Next(0, 100 - WalRecord.PutSize(10, 0)), i + 1);
                if (i % 97 == 0)
                {
                    ring.WaitDurable(end);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        ring.WaitDurable(ring.Tail);
        var keys = Keys(sink.Bytes, 0);
        Assert.False(sink.OutOfOrder);
        Assert.Equal(producers * perProducer, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(producers * perProducer, ring.Records);
        Assert.Equal(ring.Tail, sink.Bytes.Length);
        for (int p = 0; p < producers; p++)
        {
            // Each producer's records appear in the order it reserved them.
            var own = keys.Where(k => k.StartsWith($"p{p}/", StringComparison.Ordinal)).Select(k => int.Parse(k[(k.IndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, perProducer), own);
        }
    }

    [Fact]
    public void The_ring_produced_log_is_byte_identical_to_a_direct_append_and_replays_to_the_same_records()
    {
        using var directory = new TempDirectory();
        var sink = new MemoryWalSink(0);
        var direct = new MemoryStream();
        var expected = new List<string>();
        using (var ring = new WalRing(256, sink, 0, 0, Interval))
        {
            var random = new Random(5);
            for (int i = 0; i < 500; i++)
            {
                int padding = random.Next(0, 150);
                direct.Write(PutRecord($"key{i}", padding, direct.Length, i + 1));
                Append(ring, $"key{i}", padding, i + 1);
                expected.Add($"put key{i}={new string('.', padding)}@{i + 1}");
            }
        }
        Assert.Equal(direct.ToArray(), sink.Bytes);
        WalSegment.Create(directory.Path, 0).Dispose();
        using (var segment = new FileStream(directory.File(WalSegment.FileName(0)), FileMode.Append))
        {
            segment.Write(sink.Bytes);
        }
        var target = new RecordingTarget();
        WalReplayResult result = WalReplay.Run(directory.Path, 0, target);
        Assert.Equal(expected, target.Changes);
        Assert.Equal(direct.Length, result.EndLsn);
        Assert.Equal(500, result.Records);
    }

    [Fact]
    public void A_ring_restarted_after_a_drain_continues_the_addresses_and_the_record_count()
    {
        var first = new MemoryWalSink(0);
        long end;
        long records;
        using (var ring = new WalRing(256, first, 0, 0, Interval))
        {
            for (int i = 0; i < 20; i++)
            {
                Append(ring, $"k{i}", 50, i + 1);
            }
            ring.WaitDurable(ring.Tail);
            (end, records) = (ring.Tail, ring.Records);
        }
        var second = new MemoryWalSink(end);
        using (var ring = new WalRing(256, second, end, records, Interval))
        {
            Assert.Equal(end, ring.Reserve(WalRecord.PutSize(2, 0)));
            ring.Fill(end, PutRecord("k9", 0, end, 21));
            ring.Publish(end, WalRecord.PutSize(2, 0));
            ring.WaitDurable(ring.Tail);
            Assert.Equal(21, ring.Records);
        }
        Assert.False(second.OutOfOrder);
        Assert.Equal(["k9"], Keys(second.Bytes, end));
    }
}
