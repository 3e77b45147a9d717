using System.Runtime.CompilerServices;

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

    /// <summary>As <see cref="Require(bool, string, int, string)"/>, formatting <paramref name="what"/> only when the check fails (checks run per symbol and per node).</summary>
    /// <exception cref="FmIndexFormatException"><paramref name="condition"/> is false.</exception>
    internal static void Require(bool condition, string section, int index, [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureMessage what)
    {
        if (!condition)
        {
            throw new FmIndexFormatException($"FM-index {section} {index}: {what.ToStringAndClear()}.");
        }
    }

    /// <summary>An interpolated message formatted only when its condition is false.</summary>
    [InterpolatedStringHandler]
    internal ref struct FailureMessage
    {
        private DefaultInterpolatedStringHandler _inner;

        public FailureMessage(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
        {
            shouldAppend = !condition;
            _inner = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

        public string ToStringAndClear() => _inner.ToStringAndClear();
    }
}
