using System.Security.Cryptography;
using Lode.IO;

namespace Lode;

/// <summary>One restore of a snapshot into a directory (<see cref="SnapshotRestore.Restore"/> documents what it
/// does). Entries are restored in table order; directories get their modes, owners and times last, deepest first, so
/// restoring a child does not disturb its parent's time and read-only modes come last. Not thread-safe.</summary>
internal sealed class Restorer
{
    private const string TemporaryPrefix = ".lode-restore-";
    private const int TemporaryRandomDigits = 8;
    private const UnixFileMode SetIdBits = UnixFileMode.SetUser | UnixFileMode.SetGroup;

    private readonly SnapshotView _view;
    private readonly FileTable _table;
    private readonly RestoreOptions _options;
    private readonly bool _restoreOwners;
    private readonly OwnerIds _ids = new();
    /// <summary>Directories (stored paths) that could not be restored: their descendants are skipped.</summary>
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private long _restoredFiles;
    private long _bytes;
    private int _errors;

    /// <summary>Restores the entries of <paramref name="files"/> (the view's own table, or one describing the same
    /// stored bytes) with the contents <paramref name="view"/> holds.</summary>
    public Restorer(SnapshotView view, FileTable files, RestoreOptions options)
    {
        _view = view;
        _table = files;
        _options = options;
        _restoreOwners = options.Owners ?? Environment.IsPrivilegedProcess;
    }

    public RestoreResult Run(string root)
    {
        Directory.CreateDirectory(root);
        var directories = new List<(string Path, FileEntry Entry)>();
        foreach (var entry in _table.Entries)
        {
            string parent = SnapshotPath.Parent(entry.Path);
            if (entry.Path.Length > 0 && _failed.Contains(parent))
            {
                Fail(entry, $"its directory '{parent}' could not be restored");
                continue;
            }
            string destination = entry.Path.Length == 0 ? root : Path.Join(root, entry.Path);
            try
            {
                string full = Path.GetFullPath(destination);
                if (full != root && !full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
                {
                    throw new LodeException($"it would land outside {root}");
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
                        SetOwner(destination, entry);
                        break;
                    case FileKind.File:
                        _bytes += RestoreFile(destination, entry);
                        _restoredFiles++;
                        _options.Progress?.Report((_restoredFiles, _bytes));
                        break;
                }
            }
            catch (Exception e) when (e is LodeException or IOException or UnauthorizedAccessException)
            {
                Fail(entry, e.Message);
            }
        }
        for (int i = directories.Count - 1; i >= 0; i--)
        {
            var (path, entry) = directories[i];
            try
            {
                SetOwnerAndMode(path, entry);
                Directory.SetLastWriteTimeUtc(path, entry.ModifiedTime.UtcDateTime);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(entry, e.Message);
            }
        }
        return new RestoreResult(_restoredFiles, _bytes, _errors);
    }

    private void Fail(FileEntry entry, string reason)
    {
        _errors++;
        if (entry.Kind == FileKind.Directory)
        {
            _failed.Add(entry.Path);
        }
        _options.Warning?.Invoke($"could not restore '{(entry.Path.Length == 0 ? "/" : entry.Path)}': {reason}");
    }

    private void RestoreDirectory(string destination, FileEntry entry)
    {
        bool exists = Exists(destination, out var status);
        if (exists && status.Kind == FileStatusKind.Symlink)
        {
            throw new LodeException($"{destination} is a symbolic link, and restoring through it could write outside the target. Remove it or restore into an empty directory.");
        }
        if (exists && status.Kind is FileStatusKind.Regular or FileStatusKind.Special)
        {
            throw new LodeException($"a file is in the way at {destination}.");
        }
        Directory.CreateDirectory(destination);
        // Owner rwx while restoring, so the directory's own restored mode (applied last) cannot lock us out.
        File.SetUnixFileMode(destination, (entry.Mode & ~SetIdBits) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        RemoveLeftovers(destination, entry);
    }

    /// <summary>Removes the temporary files an interrupted restore left in <paramref name="directory"/>: regular files
    /// named as this restore names them (or as restores before format 2 did, <c>NAME.lode-restore-XXXXXXXX</c>) that
    /// the snapshot does not hold.</summary>
    private void RemoveLeftovers(string directory, FileEntry entry)
    {
        foreach (string path in Directory.EnumerateFiles(directory, "*" + TemporaryPrefix + "*"))
        {
            string name = Path.GetFileName(path);
            string stored = entry.Path.Length == 0 ? name : entry.Path + "/" + name;
            if (IsTemporaryName(name) && !_table.TryGet(stored, out _) && Exists(path, out var status) && status.Kind == FileStatusKind.Regular)
            {
                File.Delete(path);
            }
        }
    }

    private static bool IsTemporaryName(string name)
    {
        int digits = name.Length - TemporaryRandomDigits;
        return digits >= TemporaryPrefix.Length
            && name.AsSpan(digits - TemporaryPrefix.Length, TemporaryPrefix.Length).SequenceEqual(TemporaryPrefix)
            && !name.AsSpan(digits).ContainsAnyExcept("0123456789abcdef");
    }

    private long RestoreFile(string destination, FileEntry entry)
    {
        RemoveExisting(destination, entry, keepFiles: true);
        var (temporary, output) = CreateTemporary(Path.GetDirectoryName(destination)!);
        try
        {
            using (output)
            using (var sparse = new SparseFileWriter(output))
            {
                _view.CopyVerified(entry, sparse);
            }
            SetOwnerAndMode(temporary, entry);
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

    /// <summary>A new file with a short random name in <paramref name="directory"/>: never longer than any name,
    /// so every name that fits the directory restores. Names already taken (even by a symbolic link) are skipped.</summary>
    private static (string Path, FileStream Stream) CreateTemporary(string directory)
    {
        for (int attempt = 0; ; attempt++)
        {
            string path = Path.Join(directory, TemporaryPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TemporaryRandomDigits / 2)));
            try
            {
                return (path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20));
            }
            catch (IOException) when (attempt < 8 && Exists(path, out _))
            {
            }
        }
    }

    /// <summary>Gives <paramref name="path"/> its recorded owner (when restoring owners), then its mode, without the
    /// setuid (setgid) bit unless the path's user (group) is the recorded owner's.</summary>
    private void SetOwnerAndMode(string path, FileEntry entry)
    {
        SetOwner(path, entry);
        var mode = entry.Mode;
        if ((mode & SetIdBits) != 0)
        {
            var status = FileStatus.Get(path);
            var (user, group) = entry.Owner is null ? ((uint?)null, (uint?)null) : _ids.Of(entry.Owner);
            if (status.UserId != user)
            {
                mode &= ~UnixFileMode.SetUser;
            }
            if (status.GroupId != group)
            {
                mode &= ~UnixFileMode.SetGroup;
            }
        }
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>Gives <paramref name="path"/> its recorded owner when restoring owners. A failure is reported and
    /// counted, and the entry stays, owned by whoever restores it (so without setuid or setgid bits).</summary>
    private void SetOwner(string path, FileEntry entry)
    {
        if (!_restoreOwners || entry.Owner is null)
        {
            return;
        }
        var (user, group) = _ids.Of(entry.Owner);
        try
        {
            FileOwnership.Set(path, user, group);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(entry, $"cannot give it owner {user}:{group}: {e.Message}");
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
            throw new LodeException($"a directory is in the way at {destination}.");
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
