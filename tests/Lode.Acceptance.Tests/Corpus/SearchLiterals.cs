namespace Lode.Acceptance.Tests.Corpus;

/// <summary>The literals the search tests query, 1 to 40 UTF-8 bytes each.</summary>
internal static class SearchLiterals
{
    /// <summary>Text that occurs only in binary files of the generated tree, so a correct search never finds it.</summary>
    public const string OnlyInBinary = "ONLY_IN_BINARY";

    /// <summary>For the generated tree: present and absent, regex metacharacters, spaces, CR lines, non-ASCII.</summary>
    public static readonly string[] GeneratedTree =
    [
        "hello", "e", " ", "return 0;", "a.b*c", "[x](y)", "{n}+?", "a|b", "^caret", "dollar$", "back\\slash",
        "two words", "café", "日本語", "😀", "Ω", "tab\there", "hunter2", "crlf hello two", "without newline hello",
        "b hello", "long line ends", "quick brown fox jumps over the lazy dog", "order hello",
        OnlyInBinary, "never-appears-anywhere", ".*[](){}+?|^$\\", "0123456789abcdefghijklmnopqrstuvwxyz.*[]",
        "x", "ELF",
    ];

    /// <summary>For /usr/include: common and rare identifiers, metacharacters, absent strings, short and long.</summary>
    public static readonly string[] UsrInclude =
    [
        "int", "#define", "(void)", "struct stat", "__attribute__((", "SIGKILL", "uint64_t", "EXIT_SUCCESS",
        "ifndef _STDIO_H", "a.b", "*)", "[]", "{", "$", "\\", "Copyright (C) 1991", "no-such-literal-in-usr-include",
        "zzzzzzzz", "é", "xcb_", "#include <stddef.h>", "__BEGIN_DECLS",
    ];
}
