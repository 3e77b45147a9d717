namespace Lode.Snapshots;

/// <summary>
/// A snapshot format version. A reader reads every minor version of its own major version (newer minors with a
/// warning, ignoring what it does not know) and refuses any other major version.
/// </summary>
/// <param name="Major">Changes when an older reader could misread the file.</param>
/// <param name="Minor">Changes when fields are added that an older reader may ignore.</param>
public readonly record struct SnapshotVersion(int Major, int Minor)
{
    /// <summary>The version this library writes: 1.1 (a file that uses no 1.1 feature has the exact 1.0 layout).</summary>
    public static SnapshotVersion Current { get; } = new(1, 1);

    /// <summary>"major.minor", e.g. "1.0".</summary>
    public override string ToString() => $"{Major}.{Minor}";
}
