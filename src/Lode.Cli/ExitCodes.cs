namespace Lode.Cli;

/// <summary>What <c>lode</c>'s exit status means (the README's table).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary><c>search</c>: nothing matched. <c>check</c>: damage was found.</summary>
    public const int NotFound = 1;

    /// <summary>An error: bad usage, missing repository, snapshot or path, damaged data, I/O failure.</summary>
    public const int Error = 2;

    /// <summary><c>snapshot</c>: the snapshot was saved, but some entries could not be read and were skipped (or changed
    /// while read). <c>restore</c>: the rest was restored, but some entries could not be.</summary>
    public const int Incomplete = 3;
}
