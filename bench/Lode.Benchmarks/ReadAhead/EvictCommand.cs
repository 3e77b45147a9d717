using Lode.IO;

namespace Lode.Benchmarks.ReadAhead;

/// <summary><c>evict PATH...</c>: drops every regular file under the paths from the page cache
/// (<c>POSIX_FADV_DONTNEED</c>), so the next read of the tree is cold.</summary>
internal static class EvictCommand
{
    public static int Run(string[] paths)
    {
        long files = 0;
        foreach (string root in paths)
        {
            var all = Directory.Exists(root)
                ? Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
                : [root];
            foreach (string file in all)
            {
                try
                {
                    PageCache.Evict(file);
                    files++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"evict: {file}: {e.Message}");
                }
            }
        }
        Console.Error.WriteLine($"evicted {files} files");
        return 0;
    }
}
