namespace Lode.ObjectStorage.Tests;

public abstract partial class ObjectStoreContractTests
{
    [Fact]
    public async Task PutIfAbsent_creates_a_missing_object_and_refuses_an_existing_one()
    {
        Assert.True(await Store.PutIfAbsentAsync("p/q", Payloads.Stream([1, 2])));
        Assert.False(await Store.PutIfAbsentAsync("p/q", Payloads.Stream([3, 4, 5])));
        Assert.Equal([1, 2], await Store.GetAsync("p/q"));
    }

    [Fact]
    public async Task PutIfAbsent_of_an_empty_object_works()
    {
        Assert.True(await Store.PutIfAbsentAsync("empty", Payloads.Stream([])));
        Assert.Equal(0, (await Store.HeadAsync("empty"))!.Length);
    }

    [Fact]
    public async Task PutIfAbsent_after_delete_creates_again()
    {
        Assert.True(await Store.PutIfAbsentAsync("k", Payloads.Stream([1])));
        await Store.DeleteAsync("k");
        Assert.True(await Store.PutIfAbsentAsync("k", Payloads.Stream([2])));
        Assert.Equal([2], await Store.GetAsync("k"));
    }

    [Fact]
    public async Task PutIfAbsent_racers_have_exactly_one_winner_whose_whole_bytes_are_stored()
    {
        const int Racers = 16;
        for (int round = 0; round < 4; round++)
        {
            string key = $"race/round-{round}";
            var payloads = Enumerable.Range(0, Racers).Select(i => Payloads.SelfChecking(round * 100 + i)).ToArray();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = payloads.Select(payload => Task.Run(async () =>
            {
                await start.Task;
                return await Store.PutIfAbsentAsync(key, Payloads.Stream(payload));
            })).ToArray();
            start.SetResult();
            bool[] won = await Task.WhenAll(racers);

            Assert.Equal(1, won.Count(w => w));
            Assert.Equal(payloads[Array.IndexOf(won, true)], await Store.GetAsync(key));
        }
    }
}
