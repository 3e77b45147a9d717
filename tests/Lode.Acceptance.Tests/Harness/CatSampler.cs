namespace Lode.Acceptance.Tests.Harness;

/// <summary>Runs <c>lode cat</c> on random byte ranges of source files and compares with the source.</summary>
internal static class CatSampler
{
    /// <summary>
    /// Runs <paramref name="count"/> cats of <c>SNAP:PATH</c>, each over a random range of a file picked from
    /// <paramref name="files"/> (relative paths under <paramref name="sourceRoot"/>): a mix of <c>--offset</c> with
    /// <c>--length</c>, <c>--offset</c> alone (to the end), and the whole file; ranges stay inside the file and include
    /// empty ones and ones at the very end. Returns a description of every case whose bytes or exit code were wrong.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(
        string repo, string snapshot, string sourceRoot, IReadOnlyList<string> files, Random random, int count)
    {
        var failures = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string path = files[random.Next(files.Count)];
            long length = new FileInfo(Path.Combine(sourceRoot, path)).Length;
            long offset = (i % 10) switch
            {
                0 => 0,
                1 => length,
                _ => random.NextInt64(length + 1),
            };
            long take = (i % 4) switch
            {
                0 => Math.Min(length - offset, random.Next(1, 17)),
                1 => length - offset,
                _ => random.NextInt64(length - offset + 1),
            };
            string[] range = (i % 7) switch
            {
                0 => [],
                1 => ["--offset", $"{offset}"],
                _ => ["--offset", $"{offset}", "--length", $"{take}"],
            };
            (offset, take) = range.Length switch
            {
                0 => (0, length),
                2 => (offset, length - offset),
                _ => (offset, take),
            };
            var result = await LodeCli.RunAsync(repo, ["cat", $"{snapshot}:{path}", .. range]);
            byte[] expected = ReadRange(Path.Combine(sourceRoot, path), offset, take);
            if (result.ExitCode != 0 || !expected.AsSpan().SequenceEqual(result.Stdout))
            {
                failures.Add($"{path} offset {offset} length {take} (file {length} bytes): got {result.Stdout.Length} bytes; {result.Describe()}");
            }
        }
        return failures;
    }

    private static byte[] ReadRange(string path, long offset, long length)
    {
        using var handle = File.OpenHandle(path);
        var buffer = new byte[length];
        int done = 0;
        while (done < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer.AsSpan(done), offset + done);
            if (n == 0)
            {
                throw new EndOfStreamException($"{path} is shorter than {offset + length} bytes");
            }
            done += n;
        }
        return buffer;
    }
}
