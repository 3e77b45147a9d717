using Lode.IO;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Lode;

/// <summary>
/// What a snapshot's walk leaves out (<see cref="SnapshotOptions"/>): entries matching an exclude pattern, files
/// larger than a size, the contents of tagged cache directories and of directories on other file systems, and —
/// always — the directories the snapshot itself is writing (the repository, the cache, its scratch directory), known
/// by device and inode so that no path spelling or symbolic link hides them. Not thread-safe.
/// </summary>
internal sealed class WalkFilter
{
    private const string CacheTagName = "CACHEDIR.TAG";
    private static ReadOnlySpan<byte> CacheTagSignature => "Signature: 8a477f597d28d172789f06886806bc55"u8;

    private readonly Matcher? _patterns;
    private readonly HashSet<(ulong Device, ulong Inode)> _own;
    private readonly SnapshotOptions _options;
    private ulong _rootDevice;

    /// <param name="options">The exclude options.</param>
    /// <param name="ownDirectories">Directories never to snapshot; missing ones are ignored.</param>
    public WalkFilter(SnapshotOptions options, IEnumerable<string> ownDirectories)
    {
        _options = options;
        if (options.Exclude.Count > 0)
        {
            _patterns = new Matcher(StringComparison.Ordinal);
            foreach (string pattern in options.Exclude)
            {
                _patterns.AddInclude(Anchor(pattern));
            }
        }
        _own = [];
        foreach (string directory in ownDirectories)
        {
            try
            {
                // "DIR/." resolves DIR even when it is a symbolic link, and names the directory itself.
                var status = FileStatus.Get(Path.Join(directory, "."));
                _own.Add((status.Device, status.Inode));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not there (yet): nothing of it can be met.
            }
        }
    }

    /// <summary>A pattern without '/' matches a name at any depth; one with '/' matches from the root.</summary>
    private static string Anchor(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new LodeException("An exclude pattern is empty.");
        }
        string trimmed = pattern.TrimEnd('/');
        return trimmed.Contains('/', StringComparison.Ordinal) ? trimmed.TrimStart('/') : "**/" + trimmed;
    }

    /// <summary>Notes the snapshotted directory's file system, for <see cref="SnapshotOptions.OneFileSystem"/>.</summary>
    public void SetRoot(FileStatus root) => _rootDevice = root.Device;

    /// <summary>Whether to leave out the entry at <paramref name="relativePath"/> (and all it holds).</summary>
    public bool Excludes(string relativePath, FileStatus status) =>
        (status.Kind == FileStatusKind.Regular && status.Size > _options.ExcludeLargerThan)
        || (status.Kind == FileStatusKind.Directory && _own.Contains((status.Device, status.Inode)))
        || (_patterns is not null && _patterns.Match("/", relativePath).HasMatches);

    /// <summary>The names of a directory's contents to keep out of every name in it: all of them (null), none (a
    /// directory on another file system), or only its <c>CACHEDIR.TAG</c> (a tagged cache directory).</summary>
    public IReadOnlyList<string>? OnlyNames(string fullPath, FileStatus status)
    {
        if (_options.OneFileSystem && status.Device != _rootDevice)
        {
            return [];
        }
        return _options.ExcludeCaches && IsTaggedCache(fullPath) ? [CacheTagName] : null;
    }

    /// <summary>Whether the directory holds a <c>CACHEDIR.TAG</c> file that starts with the standard signature.</summary>
    private static bool IsTaggedCache(string directory)
    {
        string tag = Path.Join(directory, CacheTagName);
        try
        {
            if (FileStatus.Get(tag).Kind != FileStatusKind.Regular)
            {
                return false;
            }
            Span<byte> head = stackalloc byte[CacheTagSignature.Length];
            using var file = File.OpenHandle(tag);
            return RandomAccess.Read(file, head, 0) == head.Length && head.SequenceEqual(CacheTagSignature);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
