namespace Lode.Benchmarks;

/// <summary>Benchmark inputs from the machine's real files.</summary>
public static class Corpus
{
    /// <summary>The first <paramref name="bytes"/> of the concatenated files under /usr/include, in path order.</summary>
    public static byte[] UsrIncludeText(int bytes)
    {
        var output = new MemoryStream(bytes);
        foreach (string path in Directory.EnumerateFiles("/usr/include", "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (output.Length >= bytes)
            {
                break;
            }
            byte[] content = File.ReadAllBytes(path);
            output.Write(content, 0, (int)Math.Min(content.Length, bytes - output.Length));
        }
        return output.ToArray();
    }
}
