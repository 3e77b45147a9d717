using FsCheck;
using FsCheck.Fluent;

namespace Lode.Metadata.Tests;

public class StorePropertyTests
{
    [Fact]
    public void Random_operation_sequences_agree_with_a_sorted_dictionary_in_memory()
    {
        var runs = Gen.Choose(0, int.MaxValue - 1).Zip(Gen.Choose(0, RandomKeys.Alphabets.Length - 1)).Zip(Gen.Choose(1, 400));
        Prop.ForAll(runs.ToArbitrary(), run =>
        {
            var ((seed, alphabet), steps) = run;
            var oracle = new Oracle();
            var model = new StoreModel(oracle, new RandomKeys(new Random(seed), RandomKeys.Alphabets[alphabet], 6));
            using var store = MetadataStore.OpenInMemory();
            for (int step = 0; step < steps; step++)
            {
                model.Step(store, step);
            }
            StoreAssert.Matches(oracle, store);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(Durability.Sync, 0)]
    [InlineData(Durability.Async, 1)]
    [InlineData(Durability.None, 2)]
    [InlineData(Durability.Async, 3)]
    public void Random_operation_sequences_agree_with_a_sorted_dictionary_across_close_and_reopen(Durability durability, int seed)
    {
        using var directory = new TempDirectory();
        var options = new MetadataStoreOptions { Durability = durability, RingBytes = MetadataStoreOptions.MinRingBytes, CheckpointWalBytes = 64 << 10 };
        var oracle = new Oracle();
        var model = new StoreModel(oracle, new RandomKeys(new Random(seed), RandomKeys.Alphabets[seed % 4], 8));
        int step = 0;
        bool replays = false;
        for (int session = 0; session < 8; session++)
        {
            // Without a final checkpoint the next open must rebuild the tail of the history from the log.
            bool checkpointOnClose = durability == Durability.None || model.Random.Next(2) == 0;
            using var store = MetadataStore.Open(directory.Path, options with { CheckpointOnDispose = checkpointOnClose });
            replays |= store.Recovery.ReplayedRecords > 0;
            StoreAssert.Matches(oracle, store);
            for (int end = step + model.Random.Next(100, 600); step < end; step++)
            {
                model.Step(store, step);
                if (model.Random.Next(150) == 0)
                {
                    store.Checkpoint();
                }
            }
            StoreAssert.Matches(oracle, store);
        }
        Assert.Equal(durability != Durability.None, replays);
    }
}
