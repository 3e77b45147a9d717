namespace Lode.ObjectStorage.Tests;

public sealed class FileSystemObjectStoreContractTests : ObjectStoreContractTests
{
    protected override IObjectStore OpenStore(string directory) => new FileSystemObjectStore(Path.Join(directory, "store"));

    [Fact]
    public async Task Temp_files_are_never_listed()
    {
        await Put("k", [1]);
        string temp = Path.Join(Directory.FullName, "store", ".tmp");
        Assert.True(System.IO.Directory.Exists(temp));
        await File.WriteAllBytesAsync(Path.Join(temp, "inflight.tmp"), [1, 2, 3]);
        Assert.Equal(["k"], (await Store.ListAsync("").ToListAsync()).Select(i => i.Key).ToArray());
        Assert.Empty(await Store.ListAsync(".tmp").ToListAsync());
        Assert.Empty(await Store.ListAsync(".tmp/").ToListAsync());
    }
}
