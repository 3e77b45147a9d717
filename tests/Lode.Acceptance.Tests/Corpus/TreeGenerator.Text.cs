using System.Text;

namespace Lode.Acceptance.Tests.Corpus;

/// <content>The generated contents: random text files, the binary blob, the long line and the big file.</content>
internal static partial class TreeGenerator
{
    /// <summary>Words of the random text files: identifiers, regex metacharacters, non-ASCII, a tab.</summary>
    private static readonly string[] Vocabulary =
    [
        "alpha", "beta", "gamma", "hello", "world", "int", "void", "struct", "return 0;", "#define", "==", "(", ")",
        "a.b*c", "[x](y)", "{n}+?", "a|b", "^caret", "dollar$", "back\\slash", "two words", "café", "naïve",
        "日本語", "Ω", "😀", "tab\there", "x", "e", "_", "0x7f", "/* comment */", "\"quoted\"",
    ];

    private static readonly string[] Extensions = [".c", ".h", ".txt", ".md", ".sh", ""];

    /// <summary>40 files in five directories; some end without a newline, some use CRLF.</summary>
    private static void WriteSourceFiles(string root, Random random)
    {
        for (int i = 0; i < 40; i++)
        {
            string name = $"src/m{i % 5}/file{i:D2}{Extensions[i % Extensions.Length]}";
            string newline = i % 7 == 3 ? "\r\n" : "\n";
            var text = new StringBuilder();
            int lines = random.Next(0, 300);
            for (int line = 0; line < lines; line++)
            {
                int words = random.Next(0, 11);
                text.AppendJoin(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
                if (line < lines - 1 || i % 4 != 1)
                {
                    text.Append(newline);
                }
            }
            Write(root, name, Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    /// <summary>A NUL at offset 1, so ripgrep and the contract both call it binary, then matching text.</summary>
    private static byte[] BinaryBlob(Random random)
    {
        var blob = new MemoryStream();
        blob.Write("\u007fELF\0\0\0hello binary header\n"u8);
        blob.Write(Encoding.UTF8.GetBytes($"{SearchLiterals.OnlyInBinary} hello\n"));
        var noise = new byte[4096];
        random.NextBytes(noise);
        blob.Write(noise);
        blob.Write(Encoding.UTF8.GetBytes($"\n{SearchLiterals.OnlyInBinary} after noise\n"));
        return blob.ToArray();
    }

    /// <summary>One line of 200,000 bytes with a match near each end.</summary>
    private static byte[] LongLine(Random random)
    {
        var line = new StringBuilder("long line starts hello ");
        while (line.Length < 200_000)
        {
            line.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(' ');
        }
        line.Append("long line ends\nshort second line\n");
        return Encoding.UTF8.GetBytes(line.ToString());
    }

    /// <summary>Random bytes (incompressible, with NULs: binary) with a text line every MiB.</summary>
    private static void WriteBigFile(string path, long length, Random random)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var buffer = new byte[1 << 20];
        for (long written = 0, piece = 0; written < length; piece++)
        {
            random.NextBytes(buffer);
            byte[] text = Encoding.UTF8.GetBytes($"\n{SearchLiterals.OnlyInBinary} big file hello line {piece}\n");
            text.CopyTo(buffer, random.Next(buffer.Length - text.Length));
            int n = (int)Math.Min(buffer.Length, length - written);
            file.Write(buffer, 0, n);
            written += n;
        }
    }
}
