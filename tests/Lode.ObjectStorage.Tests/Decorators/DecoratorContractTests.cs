namespace Lode.ObjectStorage.Tests;

/// <summary>A fault injector set to inject nothing but random latency must keep every promise of the store under it.</summary>
public sealed class FaultInjectingObjectStoreContractTests : ObjectStoreContractTests
{
    protected override IObjectStore OpenStore(string directory) =>
        new FaultInjectingObjectStore(new FileSystemObjectStore(Path.Join(directory, "store")),
            new FaultInjectingObjectStoreOptions { Seed = 1, MaxLatency = TimeSpan.FromMilliseconds(1) });
}

/// <summary>The latency decorator changes timing only.</summary>
public sealed class LatencyObjectStoreContractTests : ObjectStoreContractTests
{
    protected override IObjectStore OpenStore(string directory) =>
        new LatencyObjectStore(new MemoryObjectStore(), TimeSpan.FromMilliseconds(1), bytesPerSecond: 1L << 30);
}
