namespace Lode.ObjectStorage.Tests;

public sealed class MemoryObjectStoreContractTests : ObjectStoreContractTests
{
    protected override IObjectStore OpenStore(string directory) => new MemoryObjectStore();
}
