using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lode.ObjectStorage;

namespace Lode;

/// <summary>
/// The last <see cref="RemoteListing"/> of one remote repository, kept beside the disk cache in
/// <c>listings/&lt;hash of the cache scope&gt;.json</c> (docs/format.md, "Remote listing"), so that the next command can
/// reuse it. Derived data: a file that is missing, unreadable or of another format is treated as absent, and a
/// listing that cannot be written is simply not kept.
/// </summary>
/// <remarks>Thread-safe: a write replaces the file atomically (write a temp file, then rename), so readers in any
/// process see the old listing or the new one, never a mix.</remarks>
internal sealed class ListingFile
{
    /// <summary>The directory under the cache directory that holds the listing files.</summary>
    public const string DirectoryName = "listings";

    /// <summary>A listing whose time is this far ahead of our clock is not trusted (it was taken under another clock) and is replaced.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The format this code writes and reads.</summary>
    public const int Format = 1;

    /// <summary>Temp files older than this are left by crashed writers and are deleted by the next write.</summary>
    private static readonly TimeSpan StaleTemp = TimeSpan.FromHours(1);

    private readonly string _directory;
    private readonly string _path;

    /// <summary>The listing file of the repository whose cache scope is <paramref name="scope"/>, under <paramref name="cacheDirectory"/>.</summary>
    public ListingFile(string cacheDirectory, string scope)
    {
        _directory = Path.Combine(cacheDirectory, DirectoryName);
        _path = Path.Combine(_directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)))[..32] + ".json");
    }

    /// <summary>The listing last written, or null when there is none or it is unreadable, damaged or of another format.</summary>
    public RemoteListing? Read()
    {
        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllBytes(_path), LodeJsonContext.Default.StoredListing);
            return stored is { Format: Format, Config.Length: > 0, Objects: not null } && stored.Objects.All(Valid)
                ? new RemoteListing(stored.Taken, stored.Config, [.. stored.Objects.OrderBy(o => o.Key, StringComparer.Ordinal)])
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the file with <paramref name="listing"/> unless the file holds a younger one (a command that listed
    /// later finished first) that is not from the future; best effort (a failure leaves the old file or none).
    /// </summary>
    public void Write(RemoteListing listing)
    {
        if (Read() is { } kept && kept.Taken > listing.Taken && kept.Taken <= DateTimeOffset.UtcNow + ClockSkew)
        {
            return;
        }
        string temp = Path.Combine(_directory, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(_directory);
            DeleteStaleTemps();
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(
                new StoredListing(Format, listing.Taken, listing.Config, [.. listing.Objects]), LodeJsonContext.Default.StoredListing));
            File.Move(temp, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
        }
    }

    /// <summary>Removes the file, so that the next command lists the repository; best effort.</summary>
    public void Delete() => TryDelete(_path);

    private static bool Valid(ObjectInfo info) =>
        info is { Key: not null, Length: >= 0 } && RemoteListing.Covers(info.Key) && ObjectKey.IsValid(info.Key);

    private void DeleteStaleTemps()
    {
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles(".*.tmp"))
        {
            if (DateTime.UtcNow - file.LastWriteTimeUtc > StaleTemp)
            {
                TryDelete(file.FullName);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover is ignored or replaced later.
        }
    }

    /// <summary>The file's JSON: <see cref="RemoteListing"/> with its format number.</summary>
    internal sealed record StoredListing(int Format, DateTimeOffset Taken, byte[] Config, List<ObjectInfo> Objects);
}
