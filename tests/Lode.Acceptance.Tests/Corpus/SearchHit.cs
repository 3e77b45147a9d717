namespace Lode.Acceptance.Tests.Corpus;

/// <summary>One matching line: the file's path relative to the tree root, the 1-based line number, the raw line.</summary>
/// <param name="Path">Path relative to the searched root, components joined by <c>/</c>.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Content">The line's bytes without its <c>\n</c> (a <c>\r</c> before it stays).</param>
internal sealed record SearchHit(string Path, int Line, byte[] Content);
