namespace Lode.SuffixArrays.FmIndexing;

/// <summary>The one way section parsers report damage: an <see cref="FmIndexFormatException"/> naming the section.</summary>
internal static class FormatChecks
{
    /// <exception cref="FmIndexFormatException"><paramref name="condition"/> is false.</exception>
    internal static void Require(bool condition, string section, int index, string what)
    {
        if (!condition)
        {
            throw new FmIndexFormatException($"FM-index {section} {index}: {what}.");
        }
    }
}
