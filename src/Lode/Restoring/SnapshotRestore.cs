namespace Lode;

/// <summary>Restoring a snapshot into a directory.</summary>
public static class SnapshotRestore
{
    /// <summary>
    /// Restores the whole snapshot under <paramref name="target"/> (created if missing): directories, regular files
    /// (with holes where a 4 KiB page is all zeros), symbolic links (created as links, never followed), modes, the
    /// modification times of files and directories, and owners (<see cref="RestoreOptions.Owners"/>). Nothing is
    /// written outside the target: an existing symbolic link where a directory goes is refused, never written
    /// through (one where a file goes is replaced by the file). Each file is written to a temporary name of 22 bytes
    /// in its directory (<c>.lode-restore-</c> and 8 hex digits), checked against its SHA-256 and only then renamed
    /// into place, so a damaged file is absent, never wrong; temporary files that an interrupted restore left in a
    /// directory are removed when a restore passes through it again. An entry that cannot be restored is reported
    /// and counted, and the restore goes on with the next (its descendants are reported as skipped).
    /// </summary>
    /// <param name="view">The snapshot.</param>
    /// <param name="target">The directory to restore into.</param>
    /// <param name="options">Progress, warnings and owners, or null for the defaults.</param>
    /// <returns>The files and bytes restored and the number of entries that were not.</returns>
    /// <exception cref="LodeException">The target is an empty path, or the snapshot's file table is damaged.</exception>
    /// <exception cref="IOException">The target directory cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The target directory may not be created.</exception>
    public static RestoreResult Restore(this SnapshotView view, string target, RestoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length == 0)
        {
            throw new LodeException("The restore target is an empty path; name a directory.");
        }
        return new Restorer(view, view.Files, options ?? new RestoreOptions()).Run(Path.GetFullPath(target));
    }
}
