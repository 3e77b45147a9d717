using System.Buffers.Binary;
using Lode.IO;

namespace Lode.SuffixArrays.Tests;

/// <summary>External-memory CaPS-SA on both bucket stores, and the file builder, against the in-memory construction.</summary>
public sealed class ExternalMemoryTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lode-sa-external-");

    public static TheoryData<int, int, int> Cases => new()
    {
        // alphabet, subarrays, bounded context (0 = exact)
        { 2, 1, 0 },
        { 2, 7, 0 },
        { 4, 16, 0 },
        { 256, 33, 0 },
        { 4, 16, 5 },
        { 1, 9, 0 },
        { 1, 9, 7 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void External_memory_on_either_store_equals_in_memory(int alphabet, int subarrays, int context)
    {
        var random = new Random((alphabet * 100) + subarrays);
        foreach (int length in new[] { 1, 2, 100, 5_000, 20_000 })
        {
            var text = TextGenerators.Random(random, length, alphabet);
            var options = new SuffixArrayOptions { Algorithm = SuffixArrayAlgorithm.CapsSa, BoundedContext = context == 0 ? null : context };
            var expected = SuffixArray.BuildWithLcp(text, options);
            int p = Math.Min(subarrays, length);
            using var memory = new MemoryBucketStore();
            AssertSame(expected, External<int>(text, context, p, memory));
            using var pool = new BucketPool(_directory.FullName, fileCount: 2);
            using var spilling = new SpillingBucketStore(pool);
            AssertSame(expected, External<long>(text, context, p, spilling));
        }
    }

    [Fact]
    public void Build_under_a_small_memory_budget_spills_and_gives_the_same_result()
    {
        var random = new Random(3);
        var text = TextGenerators.Random(random, 400_000, 4);
        var expected = SuffixArray.BuildWithLcp(text);
        var budgeted = new SuffixArrayOptions { MemoryBudgetBytes = 1 << 20, WorkingDirectory = _directory.FullName, Threads = 2 };
        var actual = SuffixArray.BuildWithLcp(text, budgeted);
        Assert.Equal(expected.SuffixArray, actual.SuffixArray);
        Assert.Equal(expected.Lcp, actual.Lcp);
        Assert.Empty(_directory.GetFileSystemInfos());
    }

    [Theory]
    [InlineData(false, long.MaxValue)]
    [InlineData(true, long.MaxValue)]
    [InlineData(false, 1 << 20)]
    [InlineData(true, 1 << 20)]
    public void File_builder_writes_the_suffix_array_in_memory_or_external_memory(bool lcp, long budget)
    {
        var text = TextGenerators.Fibonacci(150_000);
        string textPath = Path.Combine(_directory.FullName, "text");
        string outputPath = Path.Combine(_directory.FullName, "text.sa");
        File.WriteAllBytes(textPath, text);
        var options = new SuffixArrayOptions { ComputeLcp = lcp, MemoryBudgetBytes = budget, WorkingDirectory = _directory.FullName, BoundedContext = 64 };

        var info = SuffixArrayFileBuilder.Build(textPath, outputPath, options);

        Assert.Equal(["text", "text.sa"], _directory.GetFiles().Select(f => f.Name).Order());
        using var file = FileByteSource.Open(outputPath);
        Assert.Equal(info, SuffixArrayFileInfo.Read(file));
        Assert.Equal(4, info.EntryBytes);
        Assert.Equal(64, info.BoundedContext);
        var expected = SuffixArray.BuildWithLcp(text, new SuffixArrayOptions { BoundedContext = 64 });
        Assert.Equal(expected.SuffixArray, ReadEntries(file, info.SuffixArrayOffset, text.Length));
        if (lcp)
        {
            Assert.Equal(expected.Lcp, ReadEntries(file, info.LcpOffset!.Value, text.Length));
        }
        else
        {
            Assert.Null(info.LcpOffset);
        }
    }

    [Fact]
    public void File_builder_handles_an_empty_text()
    {
        string textPath = Path.Combine(_directory.FullName, "empty");
        File.WriteAllBytes(textPath, []);
        var info = SuffixArrayFileBuilder.Build(textPath, textPath + ".sa", new SuffixArrayOptions { ComputeLcp = true });
        Assert.Equal(0, info.TextLength);
        using var file = FileByteSource.Open(textPath + ".sa");
        Assert.Equal(SuffixArrayFileInfo.HeaderBytes, file.Length);
        Assert.Equal(info, SuffixArrayFileInfo.Read(file));
    }

    [Fact]
    public void File_header_refuses_every_truncation_and_every_header_bit_flip()
    {
        string textPath = Path.Combine(_directory.FullName, "text");
        File.WriteAllBytes(textPath, "abracadabra"u8.ToArray());
        SuffixArrayFileBuilder.Build(textPath, textPath + ".sa", new SuffixArrayOptions { ComputeLcp = true });
        byte[] bytes = File.ReadAllBytes(textPath + ".sa");
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => SuffixArrayFileInfo.Read(new MemoryByteSource(bytes[..length])));
        }
        Assert.Throws<InvalidDataException>(() => SuffixArrayFileInfo.Read(new MemoryByteSource(bytes.Append((byte)0).ToArray())));
        for (int bit = 0; bit < SuffixArrayFileInfo.HeaderBytes * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<InvalidDataException>(() => SuffixArrayFileInfo.Read(new MemoryByteSource(flipped)));
        }
    }

    [Fact]
    public void File_builder_reports_a_missing_text()
    {
        Assert.Throws<FileNotFoundException>(() =>
            SuffixArrayFileBuilder.Build(Path.Combine(_directory.FullName, "missing"), Path.Combine(_directory.FullName, "out")));
        Assert.Empty(_directory.GetFileSystemInfos());
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static unsafe SuffixArrayResult External<T>(byte[] text, int context, int subarrays, IBucketStore store)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var sink = new ListSink<T>(text.Length);
        if (text.Length > 0)
        {
            fixed (byte* pointer = text)
            {
                var suffixes = new SuffixText(pointer, text.Length, context == 0 ? long.MaxValue : context);
                ExternalCapsSa<T>.Build(suffixes, sink, threads: 3, subarrays, store);
            }
        }
        return new SuffixArrayResult(sink.Sa, sink.Lcp);
    }

    private static void AssertSame(SuffixArrayResult expected, SuffixArrayResult actual)
    {
        Assert.Equal(expected.SuffixArray, actual.SuffixArray);
        Assert.Equal(expected.Lcp, actual.Lcp);
    }

    private static int[] ReadEntries(IByteSource file, long offset, int count)
    {
        var bytes = file.ReadBytes(offset, count * 4);
        return Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 * i))).ToArray();
    }

    /// <summary>A sink of any entry type into int arrays (the tests' texts are small).</summary>
    private sealed class ListSink<T>(int length) : ISuffixArraySink<T>
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        public int[] Sa { get; } = new int[length];

        public int[] Lcp { get; } = new int[length];

        public bool WantsLcp => true;

        public void Write(long start, ReadOnlySpan<T> sa, ReadOnlySpan<T> lcp)
        {
            for (int i = 0; i < sa.Length; i++)
            {
                Sa[start + i] = int.CreateChecked(sa[i]);
                Lcp[start + i] = int.CreateChecked(lcp[i]);
            }
        }

        public void WriteLcp(long index, long value) => Lcp[index] = (int)value;
    }
}
