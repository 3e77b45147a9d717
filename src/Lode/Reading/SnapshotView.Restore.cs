using System.Security.Cryptography;
using Lode.IO;

namespace Lode;

public sealed partial class SnapshotView
{
    /// <summary>
    /// Restores the whole snapshot under <paramref name="target"/> (created if missing): directories, regular
    /// files, symbolic links (created as links, never followed), modes, and the modification times of files and
    /// directories. Nothing is written outside the target: an existing symbolic link where a directory
    /// goes is refused, never written through (one where a file goes is replaced by the file). Each
    /// file is written to a temporary name, checked against its SHA-256 and only then renamed into place,
    /// so a damaged file is absent, never wrong.
    /// </summary>
    /// <param name="target">The directory to restore into.</param>
    /// <param name="progress">Receives the number of files restored and bytes written, or null.</param>
    /// <returns>The number of files and bytes restored.</returns>
    /// <exception cref="CorruptDataException">Stored bytes are damaged (the restore stops there).</exception>
    /// <exception cref="LodeException">A path cannot be restored (e.g. a directory is in the way of a file).</exception>
    public (long Files, long Bytes) Restore(string target, IProgress<(long Files, long Bytes)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        string root = Path.GetFullPath(target);
        Directory.CreateDirectory(root);
        long files = 0, bytes = 0;
        var directories = new List<(string Path, FileEntry Entry)>();
        foreach (var entry in Files.Entries)
        {
            string destination = entry.Path.Length == 0 ? root : Path.Join(root, entry.Path);
            string full = Path.GetFullPath(destination);
            if (full != root && !full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
            {
                throw new LodeException($"Refusing to restore '{entry.Path}': it would land outside {root}.");
            }
            switch (entry.Kind)
            {
                case FileKind.Directory:
                    RestoreDirectory(destination, entry);
                    directories.Add((destination, entry));
                    break;
                case FileKind.Symlink:
                    RemoveExisting(destination, entry);
                    File.CreateSymbolicLink(destination, entry.LinkTarget!);
                    break;
                case FileKind.File:
                    bytes += RestoreFile(destination, entry);
                    progress?.Report((++files, bytes));
                    break;
            }
        }
        // Deepest first, so restoring a child does not disturb its parent's time, and read-only modes come last.
        for (int i = directories.Count - 1; i >= 0; i--)
        {
            var (path, entry) = directories[i];
            File.SetUnixFileMode(path, entry.Mode);
            Directory.SetLastWriteTimeUtc(path, entry.ModifiedTime.UtcDateTime);
        }
        return (files, bytes);
    }

    private static void RestoreDirectory(string destination, FileEntry entry)
    {
        bool exists = Exists(destination, out var status);
        if (exists && status.Kind == FileStatusKind.Symlink)
        {
            throw new LodeException($"Refusing to restore '{entry.Path}': {destination} is a symbolic link, and restoring through it could write outside the target. Remove it or restore into an empty directory.");
        }
        if (exists && status.Kind is FileStatusKind.Regular or FileStatusKind.Special)
        {
            throw new LodeException($"Cannot restore directory '{entry.Path}': a file is in the way at {destination}.");
        }
        Directory.CreateDirectory(destination);
        // Owner rwx while restoring, so the directory's own restored mode (applied last) cannot lock us out.
        File.SetUnixFileMode(destination, entry.Mode | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private long RestoreFile(string destination, FileEntry entry)
    {
        RemoveExisting(destination, entry, keepFiles: true);
        string temporary = destination + ".lode-restore-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                CopyVerified(entry, output);
            }
            File.SetUnixFileMode(temporary, entry.Mode);
            File.SetLastWriteTimeUtc(temporary, entry.ModifiedTime.UtcDateTime);
            File.Move(temporary, destination, overwrite: true);
            return entry.Size;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void RemoveExisting(string destination, FileEntry entry, bool keepFiles = false)
    {
        if (!Exists(destination, out var status) || (keepFiles && status.Kind == FileStatusKind.Regular))
        {
            return;
        }
        if (status.Kind == FileStatusKind.Directory)
        {
            throw new LodeException($"Cannot restore '{entry.Path}': a directory is in the way at {destination}.");
        }
        File.Delete(destination);
    }

    private static bool Exists(string path, out FileStatus status)
    {
        try
        {
            status = FileStatus.Get(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            status = default;
            return false;
        }
    }
}
