namespace Lode.Acceptance.Tests.Harness;

/// <summary>A fresh directory under the system temp directory, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the directory.</summary>
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("lode-accept-").FullName;

    /// <summary>The directory's absolute path.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory (not created).</summary>
    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Deletes the directory, first making every subdirectory writable so restored 0500 dirs cannot block it.</summary>
    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var directory in new DirectoryInfo(Path).EnumerateDirectories("*", options))
        {
            if (directory.LinkTarget is null)
            {
                directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
        }
        Directory.Delete(Path, recursive: true);
    }
}
