namespace Lode.SuffixArrays;

/// <summary>
/// Builds the suffix array (and optionally the LCP array) of a text file into a suffix array file
/// (<see cref="SuffixArrayFileInfo"/> gives the layout): for texts of any length, also beyond 2 GiB, and within a
/// memory budget.
/// </summary>
/// <remarks>
/// <para>The text is memory-mapped. When it is below 2 GiB and in-memory CaPS-SA fits
/// <see cref="SuffixArrayOptions.MemoryBudgetBytes"/>, the array is built in memory and written out; otherwise
/// external-memory CaPS-SA runs: sorted pieces wait in buckets that spill to <see cref="SuffixArrayOptions.Threads"/>
/// temporary files in <see cref="SuffixArrayOptions.WorkingDirectory"/> (unlinked at once, so never left behind),
/// and merged partitions are written straight to their place in the output. Peak memory then stays near the text
/// plus the budget. Entries are int32 for texts below 2^31 bytes, int64 beyond.</para>
/// <para>The output is written to a temporary file beside it, header last, and renamed into place, so a crash never
/// leaves a truncated file under the output name. Thread-safe: concurrent calls share nothing.</para>
/// </remarks>
public static class SuffixArrayFileBuilder
{
    /// <summary>Builds the suffix array file <paramref name="outputPath"/> for the text file <paramref name="textPath"/>.</summary>
    /// <param name="textPath">The text: any bytes, any length.</param>
    /// <param name="outputPath">The file to write (replaced if it exists).</param>
    /// <param name="options">Threads, bounded context, LCP output, memory budget, working directory; null for defaults.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentException">SA-IS was asked for with a bounded context.</exception>
    /// <exception cref="FileNotFoundException">The text file does not exist.</exception>
    /// <exception cref="IOException">Reading the text, writing the output or the temporary files failed (e.g. disk full).</exception>
    public static unsafe SuffixArrayFileInfo Build(string textPath, string outputPath, SuffixArrayOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(textPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options ??= SuffixArrayOptions.Default;
        SuffixSorter.CheckAlgorithm(options);
        using var text = MappedText.Open(textPath);
        long n = text.Length;
        int width = n > int.MaxValue ? sizeof(long) : sizeof(int);
        var info = new SuffixArrayFileInfo(n, width, options.BoundedContext, SuffixArrayFileInfo.HeaderBytes,
            options.ComputeLcp ? SuffixArrayFileInfo.HeaderBytes + (n * width) : null);
        string partial = $"{outputPath}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var file = File.OpenHandle(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                FileOptions.None, info.FileLength))
            {
                if (n > 0)
                {
                    WriteArrays(text, file, info, options);
                }
                RandomAccess.Write(file, info.ToHeader(), 0);
                RandomAccess.FlushToDisk(file);
            }
            File.Move(partial, outputPath, overwrite: true);
            return info;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static unsafe void WriteArrays(MappedText text, Microsoft.Win32.SafeHandles.SafeFileHandle file,
        SuffixArrayFileInfo info, SuffixArrayOptions options)
    {
        long n = text.Length;
        long lcpOffset = info.LcpOffset ?? -1;
        var suffixes = new SuffixText(text.Pointer, n, options.BoundedContext ?? long.MaxValue);
        if (n > int.MaxValue)
        {
            SuffixSorter.SortExternally(suffixes, new FileSink<long>(file, info.SuffixArrayOffset, lcpOffset), options, options.MemoryBudgetBytes);
            return;
        }
        bool inMemory = options.Algorithm == SuffixArrayAlgorithm.Sais ||
            MemoryPlan.InMemoryBytes(n, options.Threads, options.SubarraysFor(n)) <= options.MemoryBudgetBytes;
        var sink = new FileSink<int>(file, info.SuffixArrayOffset, lcpOffset);
        if (!inMemory)
        {
            SuffixSorter.SortExternally(suffixes, sink, options, options.MemoryBudgetBytes);
            return;
        }
        var (sa, lcp) = SuffixSorter.Sort(text.Pointer, (int)n, options, options.ComputeLcp);
        sink.Write(0, sa, lcp ?? []);
    }
}
