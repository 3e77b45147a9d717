using System.Text;
using Lode.ObjectStorage;
using Lode.ObjectStorage.Tests;

namespace Lode.Tests.Remote;

/// <summary>
/// One s3rver for a test class, a temp directory, and a small tree to snapshot: text files (a few MiB, so the search
/// index has several MiB of suffix arrays) and a 12 MB incompressible file (more than one 8 MiB fetch chunk).
/// </summary>
public sealed class RemoteFixture : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("lode-remote-");

    public RemoteFixture()
    {
        Server = new S3rverProcess();
        Tree = Path.Combine(_work.FullName, "tree");
        MakeTree(Tree);
    }

    public S3rverProcess Server { get; }

    public string Tree { get; }

    /// <summary>A new directory under the fixture's temp directory.</summary>
    public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(_work.FullName, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Options that reach the fixture's server with an empty cache in a new directory.</summary>
    public RepositoryOptions Options(Func<IObjectStore, IObjectStore>? wrap = null, long budget = CacheSettings.DefaultBudgetBytes, int streams = 8) => new()
    {
        Cache = new CacheSettings { Directory = NewDirectory("cache"), BudgetBytes = budget, Streams = streams },
        Environment = name => name switch
        {
            "AWS_ENDPOINT_URL" => Server.Endpoint.ToString(),
            "AWS_ACCESS_KEY_ID" => S3rverProcess.AccessKey,
            "AWS_SECRET_ACCESS_KEY" => S3rverProcess.SecretKey,
            _ => null,
        },
        WrapRemote = wrap,
    };

    public void Dispose()
    {
        Server.Dispose();
        _work.Delete(recursive: true);
    }

    private static void MakeTree(string root)
    {
        var random = new Random(7);
        string[] words = ["alpha", "beta", "gamma", "needle", "stat", "struct", "int", "return", "{", "}", ";"];
        for (int i = 0; i < 40; i++)
        {
            string dir = Path.Combine(root, $"d{i % 4}");
            Directory.CreateDirectory(dir);
            var text = new StringBuilder();
            while (text.Length < 100_000)
            {
                text.Append(words[random.Next(words.Length)]).Append(random.Next(1000)).Append(random.Next(8) == 0 ? '\n' : ' ');
            }
            text.Append($"\nunique-marker-{i}-end\n");
            File.WriteAllText(Path.Combine(dir, $"f{i}.txt"), text.ToString());
        }
        var noise = new byte[12_000_000];
        random.NextBytes(noise);
        File.WriteAllBytes(Path.Combine(root, "noise.bin"), noise);
        File.CreateSymbolicLink(Path.Combine(root, "link"), "d0/f0.txt");
    }
}
