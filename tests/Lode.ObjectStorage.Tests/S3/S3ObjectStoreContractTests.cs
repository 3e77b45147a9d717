namespace Lode.ObjectStorage.Tests;

/// <summary>The object-store contract against a real S3-compatible server (s3rver on loopback), each test under its own prefix.</summary>
public sealed class S3ObjectStoreContractTests(S3rverProcess server) : ObjectStoreContractTests, IClassFixture<S3rverProcess>
{
    protected override bool ReadersKeepTheirVersion => false;

    protected override IObjectStore OpenStore(string directory) =>
        new S3ObjectStore(server.Options("t/" + Path.GetFileName(directory)));
}
