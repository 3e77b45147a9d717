using Lode.Metadata.Storage;
using Lode.Metadata.Wal;

namespace Lode.Metadata.Tests;

public class RecoveryTests
{
    private static readonly MetadataStoreOptions NoCloseCheckpoint = new() { CheckpointOnDispose = false };

    /// <summary>Writes keys k0..k(n-1) (values v0..) with Sync durability and closes without a checkpoint; returns each record's file offset.</summary>
    private static List<long> WriteLog(string directory, int count)
    {
        var offsets = new List<long>();
        long offset = WalSegment.HeaderSize;
        using var store = MetadataStore.Open(directory, NoCloseCheckpoint);
        for (int i = 0; i < count; i++)
        {
            store.Put($"k{i}", $"v{i}");
            offsets.Add(offset);
            offset += WalRecord.PutSize($"k{i}".Length, $"v{i}".Length);
        }
        return offsets;
    }

    private static string OnlySegment(string directory) => WalSegment.List(directory).Single().Path;

    [Fact]
    public void A_torn_last_record_is_cut_off_on_open_and_later_writes_are_not_stranded()
    {
        using var directory = new TempDirectory();
        var offsets = WriteLog(directory.Path, 10);
        string segment = OnlySegment(directory.Path);
        long length = new FileInfo(segment).Length;
        using (var file = File.OpenWrite(segment))
        {
            file.SetLength(length - 3);
        }
        using (var store = MetadataStore.Open(directory.Path, NoCloseCheckpoint))
        {
            Assert.Equal(segment, store.Recovery.TornTailFile);
            Assert.Equal(offsets[9], store.Recovery.TornTailOffset);
            Assert.Equal(length - 3 - offsets[9], store.Recovery.TornTailBytes);
            Assert.Equal(9, store.Recovery.ReplayedRecords);
            Assert.Null(store.Get("k9"));
            Assert.Equal("v8", store.Get("k8")!.ValueText);
            Assert.Equal(offsets[9], new FileInfo(segment).Length);
            store.Put("after", "tear");
        }
        using (var store = MetadataStore.Open(directory.Path))
        {
            Assert.Null(store.Recovery.TornTailFile);
            Assert.Equal(-1, store.Recovery.TornTailOffset);
            Assert.Equal("tear", store.Get("after")!.ValueText);
            Assert.Equal(10, store.Stats.Keys);
        }
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x5A)]
    public void Garbage_after_the_last_record_is_a_torn_tail(byte fill)
    {
        using var directory = new TempDirectory();
        WriteLog(directory.Path, 5);
        string segment = OnlySegment(directory.Path);
        long length = new FileInfo(segment).Length;
        using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write(Enumerable.Repeat(fill, 4096).ToArray());
        }
        using var store = MetadataStore.Open(directory.Path);
        Assert.Equal(length, store.Recovery.TornTailOffset);
        Assert.Equal(4096, store.Recovery.TornTailBytes);
        Assert.Equal(5, store.Stats.Keys);
    }

    [Fact]
    public void A_flipped_bit_in_the_middle_of_the_log_is_an_error_naming_file_and_offset()
    {
        using var directory = new TempDirectory();
        var offsets = WriteLog(directory.Path, 10);
        string segment = OnlySegment(directory.Path);
        FlipBit(segment, offsets[4] + 27);
        var error = Assert.Throws<MetadataCorruptException>(() => MetadataStore.Open(directory.Path));
        Assert.Equal(segment, error.File);
        Assert.Equal(offsets[4], error.Offset);
        Assert.Contains($"file offset {offsets[4]}", error.Message, StringComparison.Ordinal);
        // Nothing was truncated or rewritten: the damage is left for a human to look at.
        Assert.Equal(offsets[9] + WalRecord.PutSize(2, 2), new FileInfo(segment).Length);
    }

    [Fact]
    public void A_flipped_bit_in_the_last_record_cannot_be_told_from_a_torn_write_and_is_cut_off()
    {
        using var directory = new TempDirectory();
        var offsets = WriteLog(directory.Path, 3);
        FlipBit(OnlySegment(directory.Path), offsets[2] + 30);
        using var store = MetadataStore.Open(directory.Path);
        Assert.Equal(offsets[2], store.Recovery.TornTailOffset);
        Assert.Equal(2, store.Stats.Keys);
    }

    private static void FlipBit(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        int b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x10));
    }

    [Fact]
    public void A_checkpoint_truncates_the_log_but_not_the_record_count()
    {
        using var directory = new TempDirectory();
        using (var store = MetadataStore.Open(directory.Path, NoCloseCheckpoint))
        {
            for (int i = 0; i < 100; i++)
            {
                store.Put($"k{i}", "v");
            }
            string before = OnlySegment(directory.Path);
            store.Checkpoint();
            Assert.Equal(1, store.Stats.Checkpoints);
            Assert.Equal(0, store.Stats.WalBytesSinceCheckpoint);
            Assert.False(File.Exists(before));
            store.Delete("k0");
            Assert.Equal(101, store.Stats.WalRecords);
        }
        using (var store = MetadataStore.Open(directory.Path, NoCloseCheckpoint))
        {
            Assert.EndsWith(CheckpointFormat.FileName(1), store.Recovery.CheckpointFile, StringComparison.Ordinal);
            Assert.Equal(100, store.Recovery.CheckpointKeys);
            Assert.Equal(1, store.Recovery.ReplayedRecords);
            Assert.Equal(101, store.Stats.WalRecords);
            Assert.Equal(99, store.Stats.Keys);
            store.Put("k0", "again");
            Assert.Equal(102, store.Stats.WalRecords);
        }
    }

    [Fact]
    public void A_missing_checkpoint_is_an_error_naming_it()
    {
        using var directory = new TempDirectory();
        using (var store = MetadataStore.Open(directory.Path))
        {
            store.Put("a", "b");
        }
        string checkpoint = directory.File(CheckpointFormat.FileName(1));
        File.Delete(checkpoint);
        var error = Assert.Throws<MetadataCorruptException>(() => MetadataStore.Open(directory.Path));
        Assert.Equal(checkpoint, error.File);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_the_manifest_does_not_name_is_a_crash_leftover_and_is_removed()
    {
        using var directory = new TempDirectory();
        using (var store = MetadataStore.Open(directory.Path))
        {
            store.Put("a", "b");
        }
        string orphan = directory.File(CheckpointFormat.FileName(2));
        File.WriteAllBytes(orphan, new byte[100]);
        File.WriteAllBytes(directory.File(Manifest.FileName + ".tmp"), new byte[10]);
        using var reopened = MetadataStore.Open(directory.Path);
        Assert.Equal("b", reopened.Get("a")!.ValueText);
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(directory.File(Manifest.FileName + ".tmp")));
    }

    [Theory]
    [InlineData(Manifest.FileName, 30)]
    [InlineData("checkpoint-0000000000000001.ckpt", 90)]
    public void A_damaged_manifest_or_checkpoint_is_an_error_naming_it(string file, long offset)
    {
        using var directory = new TempDirectory();
        using (var store = MetadataStore.Open(directory.Path))
        {
            for (int i = 0; i < 50; i++)
            {
                store.Put($"key/{i}", "value");
            }
        }
        FlipBit(directory.File(file), offset);
        var error = Assert.Throws<MetadataCorruptException>(() => MetadataStore.Open(directory.Path));
        Assert.Equal(directory.File(file), error.File);
    }

    [Fact]
    public void A_missing_log_segment_after_the_checkpoint_is_an_error()
    {
        using var directory = new TempDirectory();
        using (var store = MetadataStore.Open(directory.Path, NoCloseCheckpoint))
        {
            store.Put("a", "1");
            store.Checkpoint();
            store.Put("b", "2");
        }
        File.Delete(OnlySegment(directory.Path));
        var error = Assert.Throws<MetadataCorruptException>(() => MetadataStore.Open(directory.Path));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_background_checkpointer_runs_when_the_log_reaches_its_size_trigger()
    {
        using var directory = new TempDirectory();
        using var store = MetadataStore.Open(directory.Path, new MetadataStoreOptions { Durability = Durability.Async, CheckpointWalBytes = 16 << 10 });
        for (int i = 0; i < 1000; i++)
        {
            store.Put($"tree/1/file-{i}", "entry");
        }
        Assert.True(SpinWait.SpinUntil(() => store.Stats.Checkpoints > 0, TimeSpan.FromSeconds(60)));
        Assert.True(store.Stats.WalBytesSinceCheckpoint < store.Stats.WalBytes);
    }

    [Fact]
    public void The_background_checkpointer_runs_on_its_interval_when_anything_changed()
    {
        using var directory = new TempDirectory();
        using var store = MetadataStore.Open(directory.Path, new MetadataStoreOptions { CheckpointInterval = TimeSpan.FromMilliseconds(20) });
        store.Put("a", "b");
        Assert.True(SpinWait.SpinUntil(() => store.Stats.Checkpoints > 0, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void With_durability_none_the_store_comes_back_at_its_last_checkpoint()
    {
        using var directory = new TempDirectory();
        var options = new MetadataStoreOptions { Durability = Durability.None, CheckpointOnDispose = false };
        using (var store = MetadataStore.Open(directory.Path, options))
        {
            store.Put("kept", "1");
            store.Checkpoint();
            store.Put("lost", "2");
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(directory.Path, "wal-*.log"), f => new FileInfo(f).Length > WalSegment.HeaderSize);
        using var reopened = MetadataStore.Open(directory.Path, options);
        Assert.NotNull(reopened.Get("kept"));
        Assert.Null(reopened.Get("lost"));
    }
}
