using Lode.ObjectStorage;

namespace Lode;

/// <summary>
/// The local disk cache that remote repositories are read through: where it is, how many bytes it may keep, and how
/// many range GETs one cold fetch runs at once. Local repositories do not use it. Immutable.
/// </summary>
public sealed record CacheSettings
{
    /// <summary>The default budget: 10 GiB.</summary>
    public const long DefaultBudgetBytes = 10L << 30;

    /// <summary>The cache directory; created when missing. Default <see cref="DefaultDirectory"/>.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    /// <summary>
    /// The most bytes of cached objects kept on disk (least recently used entries are evicted first; objects larger
    /// than the budget are read with range requests only). Default 10 GiB; 0 caches nothing.
    /// </summary>
    public long BudgetBytes { get; init; } = DefaultBudgetBytes;

    /// <summary>The default number of streams: 8.</summary>
    public const int DefaultStreams = 8;

    /// <summary>How many range GETs of 8 MiB one cold fetch runs in parallel. Default 8; at least 1.</summary>
    public int Streams { get; init; } = DefaultStreams;

    /// <summary>
    /// The default directory: <c>$LODE_CACHE_DIR</c> when set, else <c>$XDG_CACHE_HOME/lode</c>, else
    /// <c>~/.cache/lode</c>.
    /// </summary>
    public static string DefaultDirectory => DirectoryFrom(Environment.GetEnvironmentVariable);

    /// <summary>
    /// Opens the cache (see <see cref="DiskCache.Open"/>): finds the entries earlier runs left, removes what a crash
    /// left half written, and evicts down to <see cref="BudgetBytes"/>. The caller owns the cache and must dispose it.
    /// </summary>
    /// <exception cref="LodeException">A setting is out of range, or the directory cannot be created or read.</exception>
    public DiskCache Open()
    {
        if (BudgetBytes < 0 || Streams < 1)
        {
            throw new LodeException($"The cache settings are out of range: budget {BudgetBytes} bytes (at least 0), {Streams} streams (at least 1).");
        }
        try
        {
            return DiskCache.Open(Directory, new DiskCacheOptions { BudgetBytes = BudgetBytes, Streams = Streams });
        }
        catch (Exception e) when (e is ObjectStoreException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new LodeException($"Cannot open the cache directory {Directory}: {e.Message} Choose another with --cache-dir or LODE_CACHE_DIR.", e);
        }
    }

    /// <summary>
    /// Deletes the remote repositories' listings kept beside the cache (see <see cref="RepositoryOptions.ListingTtl"/>),
    /// so that the next command on each lists its store. Returns how many were deleted.
    /// </summary>
    /// <exception cref="LodeException">The listings directory cannot be read or a listing cannot be deleted.</exception>
    public int ForgetListings()
    {
        string listings = Path.Combine(Directory, ListingFile.DirectoryName);
        try
        {
            if (!System.IO.Directory.Exists(listings))
            {
                return 0;
            }
            int deleted = 0;
            foreach (string file in System.IO.Directory.EnumerateFiles(listings))
            {
                File.Delete(file);
                deleted++;
            }
            return deleted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LodeException($"Cannot delete the listings in {listings}: {e.Message}", e);
        }
    }

    /// <summary>The default directory as <paramref name="environment"/> (a variable lookup) defines it; see <see cref="DefaultDirectory"/>.</summary>
    public static string DirectoryFrom(Func<string, string?> environment)
    {
        if (environment("LODE_CACHE_DIR") is { Length: > 0 } explicitly)
        {
            return Path.GetFullPath(explicitly);
        }
        string? xdg = environment("XDG_CACHE_HOME");
        string root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "lode");
    }
}
