using Lode.IO;

namespace Lode.ObjectStorage.Tests;

/// <summary>A temp directory with a cache directory in it, and helpers to fill a memory store.</summary>
public abstract class CacheTestBase : IDisposable
{
    protected const string Scope = "mem://test";

    protected CacheTestBase()
    {
        Root = Directory.CreateTempSubdirectory("lode-cache-");
    }

    protected DirectoryInfo Root { get; }

    protected string CacheDirectory => Path.Join(Root.FullName, "cache");

    protected DiskCache OpenCache(long budget = 64 << 20, int chunkSize = 64 << 10, int streams = 4, TimeProvider? time = null,
        long residentBudget = long.MaxValue, TimeSpan? idle = null) =>
        DiskCache.Open(CacheDirectory, new DiskCacheOptions
        {
            BudgetBytes = budget,
            ChunkSize = chunkSize,
            Streams = streams,
            TimeProvider = time ?? TimeProvider.System,
            ResidentBudgetBytes = residentBudget,
            IdleThreshold = idle ?? Timeout.InfiniteTimeSpan,
        });

    protected static async Task<byte[]> PutRandom(IObjectStore store, string key, int length, int seed)
    {
        byte[] bytes = Payloads.Random(length, seed);
        await store.PutAsync(key, Payloads.Stream(bytes));
        return bytes;
    }

    protected static byte[] ReadAll(IByteSource source) => source.ReadBytes(0, checked((int)source.Length));

    /// <summary>
    /// The sizes of all entry and temp files. Files only ever move from tmp/ to entries/, so listing entries/ first
    /// can miss a file in motion but never counts one twice.
    /// </summary>
    protected long BytesOnDisk()
    {
        long total = 0;
        var files = new DirectoryInfo(Path.Join(CacheDirectory, "entries")).GetFiles()
            .Concat(new DirectoryInfo(Path.Join(CacheDirectory, "tmp")).GetFiles());
        foreach (var file in files)
        {
            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
                // Evicted or renamed between the listing and the stat.
            }
        }
        return total;
    }

    protected string[] TempFiles() => Directory.GetFiles(Path.Join(CacheDirectory, "tmp"));

    protected string[] EntryFiles() => Directory.GetFiles(Path.Join(CacheDirectory, "entries"));

    public void Dispose()
    {
        Root.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
